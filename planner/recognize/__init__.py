"""Raw sheets to tables: which sheet is which, where the header is, which column is which."""
