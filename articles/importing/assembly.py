"""
Pass 3 of reading a page (see parser): its lines, told apart and mended, sorted into the page's
parts (banner, featured quote) and its articles (kicker, headline, subtitle, byline, dateline,
paragraphs and subheads, photos, end credit, credits).

A heading starts a new article when the one before has ended (end credit, or a picture story's
photo credit), when a subtitle, byline or dateline follows it, when two or more heading lines
stand together, or when its Markdown level is as high as the current headline's; otherwise it is
a subhead. In a group of heading lines the Markdown level, or else the shape, tells
kicker/banner, headline and subtitle apart. A lone line above a headline is taken as the page's
banner (column label) while the page has none, and as the kicker after that; both are reported
for an editor to check.
"""

from django.utils.translation import gettext as _

from . import text as t
from .page import BYLINE, DASH, HEADING, PARA, Block, Line, ParsedArticle, ParsedPhoto

CAPTION_STARTS = ("图为", "图:", "图：", "上图", "下图", "左图", "右图", "图一", "图二")


class Assembler:
    """Pass 3: sort the units into the page's parts and its articles."""

    def __init__(self, page):
        self.page = page
        self.article = None
        self.ended = False
        self.before_first = []  # paragraphs above the first headline: the featured quote

    def build(self, units):
        index = 0
        while index < len(units):
            unit = units[index]
            if unit.kind == HEADING:
                index = self.heading_group(units, index)
                continue
            getattr(self, f"on_{unit.kind}")(unit)
            index += 1
        self.finish_article()
        for para in self.before_first:
            self.page.note(
                para.number,
                _("Text above the first headline was left out: “%(text)s”.")
                % {"text": _excerpt(para.text)},
            )

    # Headings

    def heading_group(self, units, index):
        group = []
        while index < len(units) and units[index].kind == HEADING and len(group) < 4:
            group.append(units[index])
            index += 1
        dash = units[index] if index < len(units) and units[index].kind == DASH else None
        after = index + 1 if dash else index
        following = units[after] if after < len(units) else None
        if self.is_quote(group, dash, following):
            lines = [para.text for para in self.before_first] + [h.text for h in group]
            self.page.quote = "\n".join(lines)
            self.page.quote_attribution = t.DASH_LINE.match(dash.text)["text"]
            self.before_first = []
            return after
        if self.starts_article(group, dash, following):
            self.start_article(group, dash)
            return after
        for heading in group:
            self.article.blocks.append(Block("h", heading.text, heading.number, heading.level))
        return index

    def is_quote(self, group, dash, following):
        """Short unmarked lines with a "——" attribution above the first headline, and a heading
        after them, are the featured quote set line by line (a headline with a "——" subtitle
        has text under it)."""
        return (
            dash is not None
            and self.article is None
            and not self.page.articles
            and not self.page.quote
            and all(heading.level is None for heading in group)
            and following is not None
            and following.kind == HEADING
        )

    def starts_article(self, group, dash, following):
        if self.article is None or self.ended or dash is not None:
            return True
        if following is not None and (
            following.kind == BYLINE or (following.kind == PARA and t.split_dateline(following.raw))
        ):
            return True
        levels = [heading.level for heading in group if heading.level]
        if levels:
            return self.article.level is not None and min(levels) <= self.article.level
        return len(group) >= 2

    def start_article(self, group, dash):
        self.finish_article()
        before, headline, after = _headline_of(group, dash)
        article = ParsedArticle(line=headline.number, headline=headline.text, level=headline.level)
        kickers = []
        for line in before:
            explicit = line.level and headline.level and line.level > headline.level
            if not explicit and not self.page.banner:
                self.page.banner = line.text
                self.page.note(
                    line.number,
                    _(
                        "“%(text)s” was taken as the page's banner (column label); if it is the "
                        "kicker of “%(headline)s”, move it there."
                    )
                    % {"text": line.text, "headline": headline.text},
                )
            else:
                kickers.append(line.text)
        article.kicker = " ".join(kickers)
        subtitles = [line.text for line in after]
        if dash is not None:
            subtitles.append(dash.text)
        article.subtitle = " ".join(subtitles)
        self.article, self.ended = article, False

    def finish_article(self):
        article, self.article = self.article, None
        if article is None:
            return
        if article.blocks or article.photos:
            self.page.articles.append(article)
        elif not self.page.banner and not (article.kicker or article.subtitle or article.byline):
            self.page.banner = article.headline
            self.page.note(
                article.line,
                _("“%(text)s” stands alone, with no text under it: taken as the page's banner.")
                % {"text": article.headline},
            )
        else:
            self.page.note(
                article.line,
                _("Heading “%(text)s” has no text under it and was left out.")
                % {"text": article.headline},
            )

    # Other units

    def on_para(self, unit):
        article = self.article
        if article is None:
            self.before_first.append(unit)
            return
        if self.ended:
            self.page.note(
                unit.number,
                _("Text after the end of “%(headline)s” was kept in it; check where it belongs.")
                % {"headline": article.headline},
            )
        text = unit.text
        if not article.paragraphs and not article.dateline:
            dateline = t.split_dateline(unit.raw)
            if dateline:
                article.dateline, text, credits = dateline
                for role, name, kind in credits:
                    article.add_credit(role, name, kind)
        tail = t.credit_tail(text)
        credits = t.parse_credit(tail["inner"]) if tail else None
        if credits:
            self.end_with_credit(text[tail.start() :].strip(), credits)
            text = text[: tail.start()].rstrip()
        if text:
            article.blocks.append(Block("p", text, unit.number))

    def on_dash(self, unit):
        if self.article is None:
            if self.before_first:
                self.page.quote = "\n".join(para.text for para in self.before_first)
                self.page.quote_attribution = t.DASH_LINE.match(unit.text)["text"]
                self.before_first = []
            else:
                self.page.note(
                    unit.number, _("A “——” line with nothing to attribute was left out.")
                )
        elif not self.article.blocks and not self.article.subtitle:
            self.article.subtitle = unit.text
        else:
            self.on_para(Line(unit.number, PARA, unit.text, raw=unit.text))

    def on_byline(self, unit):
        article = self.article
        if article is None:
            self.page.note(unit.number, _("A byline above every headline was left out."))
            return
        if article.byline or article.blocks:
            self.page.note(
                unit.number,
                _("A second byline in “%(headline)s”: its names were credited, check them.")
                % {"headline": article.headline},
            )
        else:
            article.byline = unit.text
        for role, name in unit.credits:
            article.add_credit(role, name)

    def on_photo(self, unit):
        article = self.article
        if article is None:
            self.page.note(unit.number, _("A photo credit above every headline was left out."))
            return
        caption = unit.caption
        paragraphs = [block for block in article.blocks if block.kind == "p"]
        last = article.blocks[-1] if article.blocks and article.blocks[-1].kind == "p" else None
        if caption:
            if not paragraphs:
                article.blocks.append(Block("p", caption, unit.number))
                self.ended = True
        elif last is not None and len(paragraphs) == 1 and not article.photos:
            caption = last.text  # a picture story: the caption is its text
            self.ended = True
        elif last is not None and (last.text.startswith(CAPTION_STARTS) or len(last.text) <= 100):
            caption = article.blocks.pop().text
        else:
            self.page.note(
                unit.number,
                _("A photo credit in “%(headline)s” has no caption above it.")
                % {"headline": article.headline},
            )
        article.photos.append(ParsedPhoto(caption, unit.names, unit.number))
        for name in unit.names:
            article.add_credit(t.Role.PHOTOGRAPHER, name)

    def on_credit(self, unit):
        if self.article is None:
            self.page.note(
                unit.number,
                _("A credit above every headline was left out: %(text)s") % {"text": unit.text},
            )
            return
        self.end_with_credit(unit.text, unit.credits)

    def end_with_credit(self, printed, credits):
        article = self.article
        article.end_credit = f"{article.end_credit} {printed}".strip()
        for role, name, kind in credits:
            article.add_credit(role, name, kind)
        self.ended = True


def _headline_of(group, dash):
    """(lines above the headline, the headline, lines below it) in a group of heading lines."""
    levels = [line.level for line in group if line.level]
    if levels:
        top = next(i for i, line in enumerate(group) if line.level == min(levels))
    elif dash is not None or len(group) == 1:
        top = len(group) - 1
    elif len(group) == 2:
        first, second = group
        top = 1 if not t.is_spaced(first.text) and t.is_spaced(second.text) else 0
    else:
        top = len(group) - 2
    return group[:top], group[top], group[top + 1 :]


def _excerpt(text, length=30):
    return text if len(text) <= length else text[:length] + "…"
