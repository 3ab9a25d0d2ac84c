"""
Opening a page PDF safely: every check runs before anything is rendered or written.

- the hardening checks of uploads.check_pdf (size cap, a real PDF, no scripts or embedded files);
- not encrypted, not cut short, not too many pages, no page so large its image would be huge;
- a text layer that is there (not a scan) and that reads as text (fonts with a Unicode mapping).

``read`` gives each page's characters, pictures and size; ``render`` makes a page's image.
"""

import ctypes
import io
import unicodedata
import warnings
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pdfminer.pdfparser import PDFSyntaxError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ...uploads import check_pdf
from ..text import PageError

MAX_PAGES = 16  # a day's pages of the supplement, at most
MAX_SIDE = 2000.0  # points (70 cm): larger than any newspaper page
RENDER_WIDTH = 2200  # pixels: wide enough for a phone reader to zoom into the small print
MAX_RENDER_PIXELS = 40_000_000
MIN_CHARS = 20  # fewer characters than this on every page: no text layer


class PdfRefused(PageError):
    """A PDF that cannot be imported, and why."""


@dataclass
class PdfPage:
    number: int  # in the PDF, from 1
    width: float
    height: float
    chars: list
    images: list


def check(data):
    """Every check that needs no rendering; raises PdfRefused."""
    if data.startswith(b"%PDF-") and b"%%EOF" not in data[-1024:]:
        raise PdfRefused(_("The PDF is cut short (its end is missing): export it again."))
    try:
        check_pdf(ContentFile(data))
    except ValidationError as error:
        raise PdfRefused(" ".join(error.messages)) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise PdfRefused(
                    _("The PDF is encrypted (password-protected): export it without a password.")
                )
            count = len(reader.pages)
            boxes = [page.mediabox for page in reader.pages[:MAX_PAGES]]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise PdfRefused(_("The PDF file is broken.")) from None
    if count > MAX_PAGES:
        raise PdfRefused(
            _("The PDF has %(count)d pages; at most %(max)d can be imported at once.")
            % {"count": count, "max": MAX_PAGES}
        )
    for number, box in enumerate(boxes, start=1):
        width, height = float(box.width), float(box.height)
        scale = RENDER_WIDTH / width if width > 0 else 0
        if (
            not 0 < width <= MAX_SIDE
            or not 0 < height <= MAX_SIDE
            or width * scale * height * scale > MAX_RENDER_PIXELS
        ):
            raise PdfRefused(
                _(
                    "Page %(page)d of the PDF is %(width)d × %(height)d points: too large "
                    "for a newspaper page (at most %(max)d points a side)."
                )
                % {"page": number, "width": width, "height": height, "max": MAX_SIDE}
            )
    return count


def read(data):
    """Each page's characters and pictures, after the checks; raises PdfRefused."""
    check(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [
                PdfPage(
                    number,
                    float(page.width),
                    float(page.height),
                    [_char(c) for c in page.chars],
                    [_image(i) for i in page.images],
                )
                for number, page in enumerate(pdf.pages, start=1)
            ]
    except (PDFSyntaxError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise PdfRefused(
                _("The PDF is encrypted (password-protected): export it without a password.")
            ) from None
        raise PdfRefused(_("The PDF file is broken.")) from None
    except Exception as error:  # pdfminer raises its own error types for many kinds of damage
        if type(error).__module__.startswith(("pdfminer", "pdfplumber")):
            raise PdfRefused(_("The PDF file is broken.")) from None
        raise
    _check_text(pages)
    frames = clip_frames(data)
    for page in pages:
        page.images = in_frames(page.images, frames.get(page.number - 1, []))
    return pages


def _char(char):
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "upright")
    found = {key: char.get(key) for key in keys}
    found["text"] = (found["text"] or "").translate(RADICALS)
    return found


# CJK fonts draw a radical and the character it looks like with one glyph (Noto CJK: ⾃ and 自,
# ⺠ and 民); a PDF writer that maps each glyph back to the first code point of the font's table
# (Skia's, in Chromium's print to PDF) gives the radical, which no text means: the character it is.
# The Kangxi radicals by their Unicode decomposition; the supplement's, which have none, as the
# fonts give them.
_SUPPLEMENT = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺤爫⺦丬"
    "⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷"
    "⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼"
    "⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀"
)
RADICALS = {
    **{
        code: unicodedata.normalize("NFKC", chr(code))
        for code in range(0x2F00, 0x2FE0)
        if unicodedata.normalize("NFKC", chr(code)) != chr(code)
    },
    **{ord(_SUPPLEMENT[n]): _SUPPLEMENT[n + 1] for n in range(0, len(_SUPPLEMENT), 2)},
    # A shaper that joins "——" into one glyph (the two- and three-em dashes): the dashes it is.
    0x2E3A: "——",
    0x2E3B: "———",
}


def _image(image):
    return {key: float(image[key]) for key in ("x0", "x1", "top", "bottom")}


# A picture as placed is often larger than what shows of it: a layout system crops a photo by
# clipping it to a frame, and the rest of the picture stands under the headline, the caption or
# a neighbour, unseen. The photo's area is its frame: what pdfplumber gives (the picture's whole
# box) is narrowed to the clipping paths in force where pdfium finds it drawn.


def clip_frames(data):
    """{page index: [(picture's whole box, the part of it its clipping paths show or None)]},
    boxes as (x0, top, x1, bottom) from the page's top left. Pictures drawn directly on the page
    only; one inside a form XObject keeps its whole box."""
    frames = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return frames
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            found = []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
                left, bottom, right, top = obj.get_bounds()
                whole = (left, height - top, right, height - bottom)
                visible = whole
                for clip in _clip_boxes(obj):
                    visible = _intersect(
                        visible, (clip[0], height - clip[3], clip[2], height - clip[1])
                    )
                found.append((whole, visible))
            frames[index] = found
            page.close()
    finally:
        pdf.close()
    return frames


def _clip_boxes(obj):
    """The bounding box (left, bottom, right, top) of each path of an object's clipping path:
    what shows is inside all of them."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj.raw)
    if not clip:
        return []
    boxes = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        points = []
        for number in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, number)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                points.append((x.value, y.value))
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _intersect(box, other):
    if box is None:
        return None
    x0, top = max(box[0], other[0]), max(box[1], other[1])
    x1, bottom = min(box[2], other[2]), min(box[3], other[3])
    return (x0, top, x1, bottom) if x1 > x0 and bottom > top else None


def in_frames(images, frames, tolerance=1.5):
    """pdfplumber's pictures, each narrowed to its frame (see clip_frames); a picture that
    clipping hides whole is left out."""
    result = []
    for image in images:
        box = (image["x0"], image["top"], image["x1"], image["bottom"])
        match = next(
            (
                visible
                for whole, visible in frames
                if all(abs(a - b) <= tolerance for a, b in zip(whole, box, strict=True))
            ),
            box,
        )
        if match is not None:
            result.append(dict(zip(("x0", "top", "x1", "bottom"), match, strict=True)))
    return result


def _check_text(pages):
    letters = [c["text"] for page in pages for c in page.chars if c["text"].strip()]
    if len(letters) < MIN_CHARS:
        raise PdfRefused(
            _(
                "The PDF has no text, only pictures (a scan?): its articles cannot be read from "
                "it. Import the page's text instead, and upload the PDF as the edition's page PDF."
            )
        )
    text = "".join(letters)
    unreadable = text.count("(cid:") * 5 + sum(1 for ch in text if _unreadable(ch))
    chinese = sum(1 for ch in text if _is_cjk(ch))
    if unreadable > 0.05 * len(text) or chinese < 0.3 * len(text):
        raise PdfRefused(
            _(
                "The PDF's text cannot be read: its fonts have no Unicode mapping, so the text "
                "comes out as garbage. Export the page with its fonts' Unicode mapping "
                "(ToUnicode), or import the page's text instead."
            )
        )


CHINESE = (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"), ("\u3000", "\u303f"), ("\uff00", "\uffef"))


def _is_cjk(char):
    """Chinese characters and full-width punctuation."""
    return any(low <= char <= high for low, high in CHINESE)


def _unreadable(char):
    category = unicodedata.category(char)
    return category in ("Co", "Cn", "Cc", "Cs") or char == "\ufffd"


def render(data, index):
    """Page ``index`` (from 0) as PNG bytes, RENDER_WIDTH pixels wide."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        scale = RENDER_WIDTH / page.get_width()
        bitmap = page.render(scale=scale)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
        page.close()
        return out.getvalue()
    finally:
        pdf.close()


def single_page(data, index):
    """A PDF of page ``index`` (from 0) alone, for the edition of that page."""
    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) == 1:
            return data
        new = pdfium.PdfDocument.new()
        new.import_pages(pdf, [index])
        out = io.BytesIO()
        new.save(out)
        new.close()
        return out.getvalue()
    finally:
        pdf.close()
