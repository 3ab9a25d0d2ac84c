"""
Importing a printed page from its PDF: ``document`` opens and checks it, ``layout`` reads where
its text stands, ``loader`` writes it through the text import and adds the page image, the PDF
and each article's area.
"""
