"""
Uploaded files: one set of checks for every way an image or a page PDF comes in.

- ``reencode_image`` verifies the real format with Pillow, refuses oversized images,
  decompression bombs and SVG, and returns a re-encoded copy (which drops EXIF and anything
  appended). ``check_pdf`` makes sure a page PDF is a PDF that can be read, within the size cap
  and without scripts or embedded files.
- ``UploadedImageField`` and ``UploadedPdfField`` are the admin's form fields (Photo.image,
  Issue.page_image, Issue.page_pdf): they run those checks and hand the model a file under a
  generated name, never the client's.
- ``upload_image`` is the rich-text editor's upload view. django-ckeditor-5 ships one whose
  permission check fails open on a mistyped setting, so that one is not routed; this one checks
  the user's permission itself.
"""

import io
import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

# Pillow format -> (save format, extension). SVG and everything else are refused.
FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "GIF": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}
# How each format is written again. JPEG's optimize (one more pass over the coefficients) costs
# little; PNG's means the slowest compression level, with every filter tried: seconds on a large
# image for a few per cent. PNG is written at a fast level instead (`manage.py
# benchmark_uploads`, docs/benchmarks.md): larger files, a fraction of the time.
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True},
    "PNG": {"compress_level": 3},
    "WEBP": {"quality": 88},
}
# Keys that make a PDF run or open something by itself, wherever they stand: the catalogue's
# /OpenAction, additional actions (/AA) of the document, a page, an annotation or a form field,
# scripts (/JS, /JavaScript name trees), attached or embedded files, XFA forms, rich media.
PDF_ACTIVE_KEYS = frozenset(
    {
        "/AA",
        "/OpenAction",
        "/JS",
        "/JavaScript",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/XFA",
        "/RichMedia",
        "/RichMediaContent",
    }
)
# What a link (an annotation's /A, an outline item's /A, a chained /Next) may do: go to a page of
# the file or open a web address. Anything else (/Launch, /JavaScript, /SubmitForm, /ImportData,
# /GoToE, /Rendition, …) is refused.
PDF_ALLOWED_ACTIONS = frozenset({"/GoTo", "/URI"})
PDF_ALLOWED_URI_SCHEMES = ("http:", "https:", "mailto:")
# Annotations that carry a file or media rather than a mark on the page.
PDF_ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/Movie", "/Sound", "/Screen", "/3D"})
# A page PDF holds some thousands of objects; a file with far more is refused as unreadable
# rather than walked for seconds.
PDF_MAX_OBJECTS = 500_000


def generated_name(extension):
    """A fresh file name that says nothing the client chose."""
    return f"{uuid.uuid4().hex}.{extension}"


def _megabytes(size):
    return size // (1024 * 1024)


def reencode_image(upload):
    """Return (ContentFile, extension) for a verified, re-encoded copy of ``upload``.

    Raises ValidationError with a message a person can act on.
    """
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    if upload.size > max_bytes:
        raise ValidationError(
            _("The image is larger than %(mb)d MB.") % {"mb": _megabytes(max_bytes)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in FORMATS:
                    raise ValidationError(
                        _("Only JPEG, PNG, GIF and WebP images can be uploaded."), code="format"
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        _("The image has more than %(mp)d megapixels.")
                        % {"mp": max_pixels // 1_000_000},
                        code="too_many_pixels",
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                save_format, extension = FORMATS[fmt]
                if save_format == "JPEG" and image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                out = io.BytesIO()
                image.save(out, format=save_format, **SAVE_OPTIONS[save_format])
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The file is not an image that can be read, or it is too large."), code="invalid"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("The image file is broken."), code="broken") from None
    return ContentFile(out.getvalue()), extension


def named_as_pdf(name):
    """Whether a file's name says it is a PDF (whatever it holds: see not_a_pdf)."""
    return os.path.splitext(name or "")[1].lower() == ".pdf"


def not_a_pdf(name):
    """The refusal of a file that is not a PDF, named when it has a name (x.pdf holding a
    picture, a Word document or a web page)."""
    if name:
        return ValidationError(
            _("“%(name)s” is not a PDF (whatever its name says): export the page as a PDF again.")
            % {"name": os.path.basename(name)},
            code="format",
        )
    return ValidationError(_("The file is not a PDF."), code="format")


def check_pdf(upload):
    """Refuse anything but a readable PDF of at least one page, within the size cap, that runs
    nothing when opened. Returns the file's bytes."""
    max_bytes = settings.PDF_UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The PDF is larger than %(mb)d MB.") % {"mb": _megabytes(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise not_a_pdf(getattr(upload, "name", None))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            pages = len(reader.pages)
            active = pdf_active_content(reader)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise ValidationError(_("The PDF file is broken."), code="broken") from None
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."), code="empty")
    if active:
        raise ValidationError(
            _("The PDF contains scripts or embedded files; export the page again without them."),
            code="active_content",
        )
    return data


def _action_allowed(action):
    kind = action.get("/S")
    kind = kind.get_object() if isinstance(kind, IndirectObject) else kind
    if kind not in PDF_ALLOWED_ACTIONS:
        return False
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        return uri.startswith(PDF_ALLOWED_URI_SCHEMES)
    return True


def _actions(item):
    """The actions a dictionary triggers: its /A, and each action's chained /Next ones."""
    pending = [item["/A"]] if "/A" in item else []
    followed = set()
    while pending:
        action = pending.pop()
        if isinstance(action, IndirectObject):
            if (action.idnum, action.generation) in followed:
                continue  # a chain that loops: each action once
            followed.add((action.idnum, action.generation))
            action = action.get_object()
        if isinstance(action, ArrayObject):  # /Next may be an array of actions
            pending.extend(action)
            continue
        if not isinstance(action, DictionaryObject):
            yield DictionaryObject()  # not an action at all: refused as unknown
            continue
        yield action
        if "/Next" in action:
            pending.append(action["/Next"])


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _attribute_object(value):
    """A structure attribute object: its owner (/O) says whose attributes they are (/Layout,
    /Table, /List, …); it has no action type (/S)."""
    value = _resolved(value)
    return isinstance(value, DictionaryObject) and "/O" in value and "/S" not in value


def _structure_attributes(item):
    """Whether ``item``'s /A holds a structure element's attributes rather than an action.

    Tagged PDFs (what layout systems, Typst and Chromium write) describe the page's structure in
    structure elements (ISO 32000 14.7.2), whose /A is one attribute object or an array of them,
    each optionally followed by a revision number. Only a dictionary that is a structure
    element, and not an annotation or an outline item, whose /A is made of attribute objects
    alone, is taken so: anything else's /A is an action and checked as one."""
    if "/A" not in item:
        return False
    kind = _resolved(item.get("/Type"))
    if kind is not None and kind != "/StructElem":
        return False
    if not isinstance(_resolved(item.get("/S")), NameObject) or "/P" not in item:
        return False
    if any(key in item for key in ("/Subtype", "/Rect", "/Title", "/Parent", "/Next", "/URI")):
        return False
    value = _resolved(item["/A"])
    if isinstance(value, ArrayObject):
        entries = [_resolved(entry) for entry in value]
        return any(_attribute_object(entry) for entry in entries) and all(
            _attribute_object(entry) or isinstance(entry, NumberObject) for entry in entries
        )
    return _attribute_object(value)


def pdf_active_content(reader):
    """The first thing in the PDF that could run or open something by itself (a name such as
    "/AA" or "/Launch"), or None. Every object reachable from the file's trailer is looked at,
    not just the catalogue: the document, its pages, annotations, form fields, outlines and name
    trees all can carry actions, and an action can chain others (/Next)."""
    seen = set()
    stack = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                raise ValueError("too many objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name in item:
                if name in PDF_ACTIVE_KEYS:
                    return name
            if item.get("/Subtype") in PDF_ACTIVE_ANNOTATIONS:
                return item["/Subtype"]
            if "/EF" in item:  # a file specification with the file inside
                return "/EF"
            if not _structure_attributes(item):
                for action in _actions(item):
                    if not _action_allowed(action):
                        return str(action.get("/S", "/A"))
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


class UploadedImageField(forms.ImageField):
    """An image field whose file is checked and re-encoded (see reencode_image)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        content, extension = reencode_image(upload)
        content.name = generated_name(extension)
        return content


class UploadedPdfField(forms.FileField):
    """A page PDF, checked (see check_pdf) and stored under a generated name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return ContentFile(check_pdf(upload), name=generated_name("pdf"))


def _error(message, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def upload_image(request):
    user = request.user
    if not user.is_authenticated:
        return _error(_("Please sign in to upload images."), 403)
    if not (user.has_perm("articles.add_article") or user.has_perm("articles.change_article")):
        return _error(_("You do not have permission to upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."), 400)
    try:
        content, extension = reencode_image(upload)
    except ValidationError as error:
        return _error(error.messages[0], 400)
    name = f"uploads/{timezone.now():%Y/%m}/{generated_name(extension)}"
    try:
        stored = default_storage.save(name, content)
    except OSError:
        return _error(_("The image could not be stored. Please try again later."), 507)
    return JsonResponse({"url": default_storage.url(stored)})
