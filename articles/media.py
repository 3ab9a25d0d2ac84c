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
"""

from django.conf import settings
from django.db.models import Q

from .models import Article, Issue, Photo


def _source(name):
    """(the upload's name or, for a rendition, its name without extension; is_rendition)."""
    prefix = settings.IMAGEKIT_CACHEFILE_DIR.strip("/") + "/"
    if not name.startswith(prefix):
        return name, False
    parts = name[len(prefix) :].split("/")
    return "/".join(parts[:-1]), True


def is_public_upload(name):
    """Whether readers may fetch the upload stored as ``name`` (a storage name, no MEDIA_URL)."""
    source, rendition = _source(name)
    if not source or ".." in source.split("/"):
        return False
    photos = Photo.objects.filter(article__in=Article.objects.published())
    issues = Issue.objects.published()
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
        return Article.objects.published().filter(body__contains=f"/{source}").exists()
    return False
