"""Candidates proposed from the inventory, with labelled, editable estimates."""
