"""
Which uploaded files readers may fetch: a file is public only while something public uses it.

- a photo (``photos/…``) while its article is public;
- a page image or page PDF (``pages/…``) while its edition is public;
- an image of an article's body (``uploads/…``, from the rich-text editor) while a public
  article's body shows it;
- a rendition (``renditions/<the upload's name without extension>/<hash>.jpg``, see
  renditions.py) while the upload it was made from is public.

Anything else (a withdrawn or deleted article's or edition's files, a file replaced in a form,
an image uploaded into a draft) is for staff only. The files themselves stay: restoring a
version or recovering a deleted object needs them. newsroom.views.media asks this for every
upload it serves, and keeps the answer until content changes.

A file that is not public goes to staff who may see what uses it (``staff_may_fetch``): editors
every file; a correspondent or city reviewer the files of the pieces and editions they see in the
admin, the body images nothing uses yet (just uploaded into the editor, under a random name), and
their own pending page imports only.
"""

from django.conf import settings
from django.db.models import Q

from .importing.pdf import pending
from .models import Article, Issue, Photo


def _source(name):
    """(the upload's name or, for a rendition, its name without extension; is_rendition)."""
    prefix = settings.IMAGEKIT_CACHEFILE_DIR.strip("/") + "/"
    if not name.startswith(prefix):
        return name, False
    parts = name[len(prefix) :].split("/")
    return "/".join(parts[:-1]), True


def _bad(source):
    return not source or ".." in source.split("/")


def _used_by(source, rendition, articles, issues):
    """Whether the upload ``source`` (or the upload a rendition was made from) is a file of one
    of ``articles`` or ``issues``."""
    photos = Photo.objects.filter(article__in=articles)
    if rendition:
        stem = source + "."  # generated names: one upload per stem
        return (
            photos.filter(image__startswith=stem).exists()
            or issues.filter(page_image__startswith=stem).exists()
        )
    if source.startswith("photos/"):
        return photos.filter(image=source).exists()
    if source.startswith("pages/"):
        return issues.filter(Q(page_image=source) | Q(page_pdf=source)).exists()
    if source.startswith("uploads/"):
        # The body holds the address as the editor wrote it (MEDIA_URL + name).
        return articles.filter(body__contains=f"/{source}").exists()
    return False


def is_public_upload(name):
    """Whether readers may fetch the upload stored as ``name`` (a storage name, no MEDIA_URL)."""
    source, rendition = _source(name)
    if _bad(source):
        return False
    return _used_by(source, rendition, Article.objects.published(), Issue.objects.published())


def staff_may_fetch(name, user):
    """Whether a signed-in staff member may fetch the non-public upload ``name``."""
    source, rendition = _source(name)
    if _bad(source):
        return False
    if source.startswith(pending.FOLDER + "/"):
        return source.split("/")[1:2] == [str(user.pk)]
    if user.has_perm("articles.publish_article"):
        return True  # editors: every file, a deleted article's included (restores need them)
    articles = Article.objects.visible_to(user)
    if _used_by(source, rendition, articles, Issue.objects.visible_to(user)):
        return True
    # A body image just uploaded into the editor: nothing uses it yet.
    return (
        source.startswith("uploads/")
        and not Article.objects.filter(body__contains=f"/{source}").exists()
    )
