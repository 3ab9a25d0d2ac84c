"""
Page import: the text of a printed page of 法院专刊 → an edition with structured articles.

``parser`` reads the text (no database), ``loader`` writes it, ``matching`` finds courts and
contributors. The ``import_pages`` management command and the admin's "import a page" form use
``loader.import_page``.
"""
