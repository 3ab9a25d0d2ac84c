"""
Rich text that editors write: an allow-list of exactly what the CKEditor toolbar produces.

Everything else (scripts, event handlers, styles, iframes, SVG, javascript:/data: URLs) is removed
when the text is saved (RichTextField.pre_save, so every save path is covered, bulk ones included)
and again when it is shown (the ``richtext`` template filter). Images come from the site's own
uploads only: a published page never loads a picture from another host (which would learn who
reads it, and could change it after review).
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.safestring import mark_safe
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # CKEditor gives an uploaded image its size and aspect ratio (so the page does not jump
    # while it loads), and each list item an id: only in exactly the form it writes them.
    "img": {"src", "alt", "width", "height", "style"},
    "li": {"data-list-item-id"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Attribute values that must match a pattern whole; anything else drops the attribute.
ATTRIBUTE_PATTERNS = {
    ("img", "style"): re.compile(r"aspect-ratio:\d{1,5}(?:\.\d{1,4})?/\d{1,5}(?:\.\d{1,4})?;?"),
    ("img", "width"): re.compile(r"\d{1,5}"),
    ("img", "height"): re.compile(r"\d{1,5}"),
    ("li", "data-list-item-id"): re.compile(r"[a-z0-9]{1,64}"),
}
ALLOWED_CLASSES = {"figure": {"image", "table"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Browsers read "\" as "/" and skip tabs and line breaks in a URL: "/\host" or "/<tab>/host" is
# another host, though no parser of URLs sees one.
_NOT_IN_A_PATH = re.compile(r"[\\\x00-\x20\x7f]")


def _uploads_addresses():
    """Where uploads are served from when that is another host (MEDIA_URL, or the storage's
    address, e.g. a bucket's domain)."""
    stored = default_storage.url("probe")
    addresses = {settings.MEDIA_URL, stored[: stored.index("probe")]}
    return [address for address in addresses if urlsplit(address).netloc]


def is_own_image(src):
    """A path on this site (no scheme, no host) or an address under the uploads'."""
    if _NOT_IN_A_PATH.search(src):
        return False
    try:
        parts = urlsplit(src)
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return True
    return any(src.startswith(address) for address in _uploads_addresses())


def _attribute_filter(tag, attribute, value):
    if (tag, attribute) == ("img", "src") and not is_own_image(value):
        return None
    pattern = ATTRIBUTE_PATTERNS.get((tag, attribute))
    if pattern is None or pattern.fullmatch(value):
        return value
    return None


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    attribute_filter=_attribute_filter,
)


# An <img> in the cleaner's output: quoted attribute values, so a value holds no '"'.
_IMG = re.compile(r'<img((?:\s+[\w-]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE_NAME = re.compile(r'\s+([\w-]+)(?:="[^"]*")?')


def _with_alt(match):
    """An image the editor gave no text alternative is marked decorative (alt=""): without it,
    screen readers read out the file's generated name. Its caption, if any, is read anyway."""
    attributes = match.group(1)
    if "alt" in _ATTRIBUTE_NAME.findall(attributes):
        return match.group(0)
    return f'<img{attributes} alt="">'


def clean_html(html):
    """Return ``html`` reduced to the allow-list, every image with an alt attribute."""
    if not html:
        return ""
    return _IMG.sub(_with_alt, _cleaner.clean(html))


# A tag in the cleaner's output, its attribute values quoted: matched whole, so a "<h3>" inside
# an attribute value (an image's alt text) is never taken for a tag. Text holds no raw "<".
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*(/?)>')
_HEADING = re.compile(r"h([1-6])")


def shift_headings(html, top=2):
    """``html`` (the cleaner's output) with its headings moved so that the highest of them is
    ``<h{top}>``, the others keeping their distance from it (at most ``<h6>``).

    An article's page has its headline as h1: a body whose first subhead is an h3 (the editor
    chose the smaller subhead only) would skip a level. What is stored stays as written."""
    levels = [
        int(heading[1])
        for match in _TAG.finditer(html)
        if (heading := _HEADING.fullmatch(match[2].lower()))
    ]
    if not levels or min(levels) == top:
        return html
    shift = top - min(levels)

    def moved(match):
        heading = _HEADING.fullmatch(match[2].lower())
        if heading is None:
            return match[0]
        level = min(int(heading[1]) + shift, 6)
        return f"<{match[1]}h{level}{match[3]}{match[4]}>"

    return _TAG.sub(moved, html)


def render_html(html, top_heading=None):
    """Clean and mark safe, for templates; with ``top_heading``, the headings shifted so that
    the highest is of that level (see shift_headings)."""
    cleaned = clean_html(html)
    if top_heading is not None:
        cleaned = shift_headings(cleaned, top_heading)
    return mark_safe(cleaned)  # noqa: S308 - cleaned above; shifting only renames headings


# Tags between which CKEditor writes nothing: blocks, and an image inside its figure.
_BLOCK = r"(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|img|table|thead|tbody|tr|th|td)"
_BETWEEN_BLOCKS = re.compile(rf"(</?{_BLOCK}\b[^>]*>)\s+(?=</?{_BLOCK}\b)")


def as_editor_writes(html):
    """``html`` as CKEditor writes it back: no white space between block tags (a page import or
    an older row may have a line break between paragraphs). Stored this way, a body opened and
    saved untouched is the same text, not a change; white space inside a paragraph stays."""
    if not html:
        return ""
    return _BETWEEN_BLOCKS.sub(r"\1", html).strip()


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is cleaned, and written as the editor writes it, on every
    save."""

    def pre_save(self, model_instance, add):
        value = as_editor_writes(clean_html(getattr(model_instance, self.attname)))
        setattr(model_instance, self.attname, value)
        return value
