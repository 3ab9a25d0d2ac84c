"""
Opening a page PDF safely: every check runs before anything is rendered or written.

- the hardening checks of uploads.check_pdf (size cap, a real PDF, no scripts or embedded files);
- not encrypted, not cut short, not too many pages, no page so large its image would be huge;
- a text layer that is there (not a scan) and that reads as text (fonts with a Unicode mapping).

``read`` gives each page's characters, pictures and size; ``render`` makes a page's image.
"""

import io
import unicodedata
import warnings
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
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
