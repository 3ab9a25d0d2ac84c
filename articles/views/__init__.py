"""
The public pages: ``home`` (the front page), ``editions`` (the archive by date and one printed
page), ``articles`` (article list, article, contributor, search), ``courts`` (the court directory
and a court's articles, under /courts/) and ``previews`` (staff previews of any state).
"""
