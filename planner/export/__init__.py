"""The council workbook and the blank input template."""
