"""What the parser makes of a page's text: a ParsedPage and its articles, and the lines of the
text as the parser's passes see them. Plain data, no database."""

import datetime
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from . import text as t

# Kinds of line.
TITLE, DATE_LINE, FURNITURE, MASTHEAD = "title", "date", "furniture", "masthead"
HEADING, DASH, BYLINE, PHOTO, CREDIT, TEXT, PARA = (
    "heading",
    "dash",
    "byline",
    "photo",
    "credit",
    "text",
    "para",
)
SKIPPED = {TITLE, DATE_LINE, FURNITURE, MASTHEAD}


@dataclass
class Note:
    """Something an editor should look at, and where."""

    line: int | None
    message: str

    def __str__(self):
        if self.line:
            return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class Contribution:
    role: str
    name: str
    kind: str = t.Kind.PERSON


@dataclass
class ParsedPhoto:
    caption: str
    photographers: list[str]
    line: int


@dataclass
class Block:
    """A body paragraph ("p") or subhead ("h"); ``level`` is the Markdown level, if marked."""

    kind: str
    text: str
    line: int
    level: int | None = None


@dataclass
class ParsedArticle:
    line: int
    headline: str
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    dateline: str = ""
    end_credit: str = ""
    level: int | None = None
    blocks: list[Block] = field(default_factory=list)
    photos: list[ParsedPhoto] = field(default_factory=list)
    credits: list[Contribution] = field(default_factory=list)

    @property
    def paragraphs(self):
        return [block.text for block in self.blocks if block.kind == "p"]

    @property
    def subheads(self):
        return [block.text for block in self.blocks if block.kind == "h"]

    @property
    def body_html(self):
        """Paragraphs as <p>, subheads as <h2> (a deeper Markdown level as <h3>)."""
        levels = sorted({b.level for b in self.blocks if b.kind == "h" and b.level})
        parts = []
        for block in self.blocks:
            if block.kind == "p":
                parts.append(f"<p>{escape(block.text)}</p>")
            else:
                tag = "h3" if block.level and levels and block.level != levels[0] else "h2"
                parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        return "".join(parts)  # as CKEditor writes it back (richtext.as_editor_writes)

    def text_for_courts(self):
        """Every part that may name a court (the byline and dateline name people and places)."""
        parts = [self.kicker, self.headline, self.subtitle, self.end_credit]
        parts += [block.text for block in self.blocks]
        parts += [photo.caption for photo in self.photos]
        return "\n".join(part for part in parts if part)

    def add_credit(self, role, name, kind=t.Kind.PERSON):
        self.credits.append(Contribution(role, name, kind))


@dataclass
class ParsedPage:
    source: str = ""
    date: datetime.date | None = None
    page_number: int | None = None
    title: str = ""
    quote: str = ""
    quote_attribution: str = ""
    banner: str = ""
    articles: list[ParsedArticle] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)

    def note(self, line, message):
        self.notes.append(Note(line, message))


@dataclass
class Line:
    number: int
    kind: str
    text: str
    raw: str = ""
    level: int | None = None
    credits: list = field(default_factory=list)
    caption: str = ""
    names: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    strong: bool = False  # the whole line is **bold**
