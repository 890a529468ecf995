"""The council brief: two to four pages a council packet can post, made from the same plan as
the council workbook, as a tagged PDF/UA-1 document (figures, content, choices, document,
render)."""
