"""
Resized copies (renditions) of photos and printed-page images, for ``srcset``: a phone loads a
few dozen kilobytes, never the multi-megabyte original. django-imagekit makes each rendition the
first time a page asks for it, stores it beside the uploads (``renditions/`` on the same
storage, local disk or S3) and remembers in the cache that it exists.

Each width is made twice: a WebP, which browsers take from a ``<picture>``'s ``<source>`` (a
printed page's is a fraction of the JPEG's size, so it shows sooner on a slow phone), and a
JPEG for the ``<img>`` itself, for browsers without WebP and for links and previews.
"""

import contextlib
import logging
import mimetypes

from django.conf import settings
from django.core.cache import caches
from django.core.files.images import get_image_dimensions
from imagekit import register
from imagekit.cachefiles import ImageCacheFile
from imagekit.specs import ImageSpec
from pilkit.processors import ResizeToFit

logger = logging.getLogger(__name__)

# Widths in CSS pixels × screen densities that the reader's layout needs, per kind of image.
WIDTHS = {
    # An article's photo: the reading column is at most about 40em wide.
    "photo": (480, 800, 1200),
    # A printed page: a column of the edition page, or the thumbnail on the home page; the wider
    # ones let a reader zoom into the small print.
    "page": (400, 800, 1400),
    # The page to zoom into: the rendered page PDF is 2,200 px wide; a reader gets a JPEG.
    "zoom": (2000,),
}
# The sizes attribute: how wide each kind is shown, so the browser picks the smallest that fits.
SIZES = {
    "photo": "(min-width: 48rem) 42rem, 100vw",
    "page": "(min-width: 60rem) 36rem, 100vw",
}


class DecodeSmaller:
    """Decode a JPEG at a half, a quarter or an eighth of its size when that is still at least
    ``width`` wide (libjpeg's own scaling, Pillow's ``draft``): the first reader of a page
    scan's edition then waits for a fraction of the time and memory that decoding all of its
    35 megapixels would take, for the same resized result. Other formats decode whole."""

    def __init__(self, width):
        self.width = width

    def process(self, image):
        if image.format == "JPEG" and image.width > 2 * self.width:
            height = max(1, image.height * self.width // image.width)
            image.draft(image.mode, (self.width, height))
        return image


# Per format, Pillow's options. WebP at quality 80 keeps small print as sharp as the JPEG at 82
# and comes out at 50-65 % of its size on benchmark_uploads' scan-like page (a tenth to a third
# on the demo's flat pages and photos); method 4 is Pillow's default balance of encoding time
# and size. Making it costs about 1.4 times the JPEG's time (docs/benchmarks.md).
FORMATS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "WEBP": {"quality": 80, "method": 4},
}


class Rendition(ImageSpec):
    """A JPEG (or, with ``format``, a WebP) at most ``width`` pixels wide, never enlarged."""

    format = "JPEG"
    options = FORMATS["JPEG"]

    def __init__(self, source, width, format="JPEG"):
        self.processors = [DecodeSmaller(width), ResizeToFit(width=width, upscale=False)]
        self.format = format
        self.options = FORMATS[format]
        super().__init__(source=source)


# Registered, so that imagekit's strategy (make it when first asked for) applies to it.
register.generator("articles:rendition", Rendition)


def register_media_types():
    """Serve WebP renditions as ``image/webp``: Python before 3.13 knows the type only from the
    system's mime.types, which slim images (the Dockerfile's) lack; ``nosniff`` then leaves a
    browser with ``application/octet-stream``. Called once at startup (ArticlesConfig.ready)."""
    mimetypes.add_type("image/webp", ".webp")


def rendition_url(image, width, format="JPEG"):
    """The address of ``image`` (an ImageField's file) at most ``width`` wide, as a JPEG or a
    WebP; the original's address if the rendition cannot be made (e.g. the file is missing), so
    a page never fails."""
    if not image:
        return ""
    try:
        return ImageCacheFile(Rendition(source=image, width=width, format=format)).url
    except Exception:  # a missing or unreadable upload: show the original rather than fail
        logger.warning("No rendition of %s at %s px", image.name, width, exc_info=True)
        return image.url


def srcset(image, kind, format="JPEG"):
    """``url 480w, url 800w, …`` for ``image``, as JPEGs or WebPs. Where the renditions cannot
    be made, the JPEGs' fall back to the original's address and the WebPs' is empty (a
    ``<source>`` without candidates is passed over, and the original is no WebP)."""
    if not image:
        return ""
    urls = [rendition_url(image, width, format) for width in WIDTHS[kind]]
    if format != "JPEG" and image.url in urls:
        return ""
    return ", ".join(f"{url} {width}w" for url, width in zip(urls, WIDTHS[kind], strict=True))


def default_url(image, kind):
    """The ``src`` for browsers without srcset: the middle width."""
    widths = WIDTHS[kind]
    return rendition_url(image, widths[len(widths) // 2])


def dimensions(image):
    """``(width, height)`` of ``image`` in pixels, or None if it cannot be read: read from the file
    once and remembered in the cache under the file's name (an upload's name is never reused for
    another file), so a page gives its images their size without opening them."""
    if not image:
        return None
    key = f"image-size:{image.storage.__class__.__name__}:{image.name}"
    cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    try:
        size = cache.get(key)
    except Exception:  # the cache is down: read the file
        size = None
    if size is None:
        try:
            with image.open("rb") as file:
                width, height = get_image_dimensions(file, close=False)
        except Exception:  # a missing or unreadable upload: no size rather than no page
            logger.warning("No size for %s", image.name, exc_info=True)
            return None
        if not (width and height):
            return None
        size = (width, height)
        with contextlib.suppress(Exception):
            cache.set(key, size, timeout=None)
    return tuple(size)
