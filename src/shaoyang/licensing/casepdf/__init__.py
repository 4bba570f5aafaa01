"""The case file (案卷) as one PDF: cover, 卷内目录, every document, bookmarks, page numbers
(issue 6, third part). See docs/casepdf.md."""
