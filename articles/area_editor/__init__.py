"""
The page's areas, drawn on the page image: the admin's area editor for one edition.

Every area of the page is a row of one formset (article, left, top, width, height, delete), so
the page works without JavaScript: the numbers are the form. static/js/area-editor.js draws the
same rows on the page image and lets the editor draw, move, resize, reassign and delete areas by
mouse, finger or keyboard, writing the numbers back into the rows; one save sends them all.

Areas belong to their articles: a save gives each article whose areas changed its own version
(who, when, a comment), and a second editor who changed the same article's areas meanwhile is
stopped, as in the article's own form (articles/conflicts.py), with nothing of the page written.
"""
