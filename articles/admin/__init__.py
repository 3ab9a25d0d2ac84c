"""
The editorial office's admin: editions, articles and contributors, with the workflow.

Editors see and change everything; correspondents see only their own articles and change them
only while they are drafts (articles/workflow.py decides, this module asks). Status changes go
through the workflow's buttons and list actions, never through a form field. Every save is kept
as a version (django-reversion), with compare, restore and recovery of deleted objects.

By topic: workflow (the steps' buttons and actions, shared by editions and articles), editions
(with the page import), articles, contributors, filters.
"""

import reversion
from django.contrib import admin

from ..models import Article, Credit, Issue, PageArea, Photo

# Versions: an article is kept with its credits, photos and page areas, so restoring it (or
# recovering it after deletion) brings them back too. An edition is kept alone: restoring it
# must never rewrite its articles. Registered before the model admins are made, which would
# otherwise register their models to follow their inlines (an edition, its articles).
for _child in (Credit, Photo, PageArea):
    if not reversion.is_registered(_child):
        reversion.register(_child)
if not reversion.is_registered(Article):
    reversion.register(Article, follow=["credits", "photos", "page_areas"])
if not reversion.is_registered(Issue):
    reversion.register(Issue)

admin.site.index_template = "admin/newsroom_index.html"

from . import articles, contributors, editions  # noqa: E402, F401 - they register the admins
