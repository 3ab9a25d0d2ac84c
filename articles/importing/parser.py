"""
A printed page's text → a ParsedPage: the edition's details and its articles. No database here.

How the page is read, in three passes:

1. Each line is told apart (``text``): masthead and contact lines, the edition line, Markdown
   headings, "——" lines, bylines, photo credits, end credits in parentheses, and plain text.
2. Column breaks are mended: a paragraph that does not end a sentence goes on in the next text
   line. A plain short line with no sentence punctuation is a heading when its shape or its
   neighbours say so: two phrases side by side ("立足司法职能 深化诉源治理"), a number ("一、",
   "(二)") or a line all in **bold**; or it is followed by a subtitle, a byline, a dateline or
   another such line, or it comes after an article's end.
3. Headings are sorted into the page's parts and its articles (``assembly``).

Anything the parser is unsure of becomes a note with its line number.
"""

from django.utils.translation import gettext as _

from . import text as t
from .assembly import Assembler
from .page import (
    BYLINE,
    CREDIT,
    DASH,
    DATE_LINE,
    FURNITURE,
    HEADING,
    MASTHEAD,
    PARA,
    PHOTO,
    SKIPPED,
    TEXT,
    TITLE,
    Line,
    Note,
    ParsedPage,
)


def parse_page(content, source=""):
    """Parse bytes (a file) or str (pasted text); raise text.PageError if it is not a page."""
    text = t.decode(content) if isinstance(content, bytes) else t.check_text(content)
    page = ParsedPage(source=source)
    lines = _classify(t.split_lines(text), page)
    units = _mend(lines)
    Assembler(page).build(units)
    if not page.articles:
        first = next((line.number for line in lines if line.kind not in SKIPPED), None)
        raise t.PageError(
            _("No article found: no headline is followed by any text."), line=first or 1
        )
    return page


def _classify(raw_lines, page):
    """Pass 1: what each non-empty line is."""
    lines = []
    after_title = False
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip(" \t\u3000\f\v\ufeff")
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        if not stripped or set(stripped) <= set("-*_= "):
            continue  # blank, or a Markdown rule
        marked = t.MARKED_HEADING.match(stripped)
        level = len(marked[1]) if marked else None
        raw_text = t.heading_text(marked[2]) if marked else stripped
        text = t.strip_marks(raw_text)
        if not text:
            continue
        line = Line(number, TEXT, text, raw=raw_text, level=level)
        line.strong = t.WHOLE_BOLD.fullmatch(raw_text) is not None and not t.DATELINE.match(text)
        lines.append(line)
        if text in t.TITLES and not any(x.kind not in SKIPPED for x in lines[:-1]):
            line.kind = TITLE
            page.title = text
            after_title = True
            continue
        if len(text) > t.MAX_CLASSIFIED_LINE:
            after_title = False
            continue  # text, however it looks: no edition line, credit or caption is this long
        try:
            edition = t.parse_date_line(text)
        except t.PageError as error:
            raise t.PageError(error.message, line=number) from None
        if edition:
            line.kind = DATE_LINE
            _set_edition(page, number, *edition)
            continue
        if t.is_furniture(text):
            line.kind = FURNITURE
            page.skipped.append(Note(number, text))
            continue
        if after_title and t.ORGANISATION_LINE.fullmatch(text):
            line.kind = MASTHEAD
            page.skipped.append(Note(number, text))
            continue
        after_title = False
        dash = t.DASH_LINE.match(text)
        if dash:
            line.kind, line.level = DASH, None
        elif level:
            line.kind = HEADING
        elif roles := t.parse_roles(text):
            line.kind, line.credits = BYLINE, roles
        elif photo := t.parse_photo_credit(text):
            line.kind, (line.caption, line.names) = PHOTO, photo
        elif (credit := t.CREDIT_LINE.match(text)) and (found := t.parse_credit(credit["inner"])):
            line.kind, line.credits = CREDIT, found
    return lines


def _set_edition(page, number, edition_date, page_number):
    for value, attribute, label in (
        (edition_date, "date", _("edition date")),
        (page_number, "page_number", _("page number")),
    ):
        if value is None:
            continue
        known = getattr(page, attribute)
        if known is not None and known != value:
            raise t.PageError(
                _("A second, different %(what)s: %(new)s after %(old)s.")
                % {"what": label, "new": value, "old": known},
                line=number,
            )
        setattr(page, attribute, value)


def _mend(lines):
    """Pass 2: join paragraphs cut by column breaks, and tell plain headings from text."""
    content = [line for line in lines if line.kind not in SKIPPED]
    units = []
    para = None
    for index, line in enumerate(content):
        if line.kind == TEXT and para is not None and not t.ends_sentence(para.text):
            para.text += line.text
            para.raw += line.text
            para.lines.append(line.number)
            continue
        para = None
        if line.kind != TEXT:
            units.append(line)
            continue
        following = content[index + 1] if index + 1 < len(content) else None
        if t.could_be_heading(line.text) and _heading_by_context(line, following, units):
            line.kind = HEADING
            units.append(line)
        else:
            para = Line(line.number, PARA, line.text, raw=line.raw, lines=[line.number])
            units.append(para)
    return units


def _heading_by_context(line, following, units):
    shaped = t.is_spaced(line.text) or t.is_numbered(line.text) or line.strong
    if shaped or following is None:
        return True
    if following.kind in (HEADING, DASH, BYLINE):
        return True
    if following.kind == TEXT and (
        t.could_be_heading(following.text) or t.split_dateline(following.raw)
    ):
        return True
    if not units:
        return True
    previous = units[-1]
    return previous.kind in (CREDIT, PHOTO, DASH) or (
        previous.kind == PARA and t.credit_tail(previous.text) is not None
    )
