"""The sample city generator and the OR-Library reader."""
