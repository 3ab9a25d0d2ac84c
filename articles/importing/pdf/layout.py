"""
One PDF page's text with positions → the page's text as the text import reads it, plus where each
article stands.

The steps, as layout analysis does them:

1. characters (with size, font and position) → line pieces: characters of one size on one
   baseline, cut where a gap is as wide as a column gutter (in larger lines: where a gap no
   space fills stands over a gutter of the body text's columns);
2. line pieces → blocks: lines of one size, one above the other, that share their left edge;
3. the masthead (title, edition line, contact lines) is told by its text; blocks clearly larger
   than the body text are headings; headings that stand together make one article's heading
   (kicker above the largest, subtitle below it);
4. every other block, and every picture, belongs to the nearest heading above it whose width
   (widened to its neighbours) it stands under: that is its article;
5. an article's blocks are read in bands (a block as wide as several columns starts a band) and,
   inside a band, column by column; paragraphs are told by their indent and by a line that ends
   short, so a paragraph cut by a column break stays one paragraph;
6. the result is written as marked text (``## headline``, ``### kicker/subtitle``,
   ``#### subhead``, ``**dateline**``), which the text import's parser reads, so that everything
   after (courts, contributors, credits, re-import) is the text import's; each article's area is
   the union of its headings, blocks and pictures.

Nothing here touches the database.
"""

from dataclasses import dataclass, field, replace

from .. import text as t

HEADING_RATIO = 1.25  # a block this much larger than the body text is a heading
SUBHEAD_RATIO = 1.06  # a short line this much larger (or bold) inside the body is a subhead
BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demibold", "medium")


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self):
        return self.x1 - self.x0

    @property
    def height(self):
        return self.bottom - self.top

    def union(self, other):
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def x_overlap(self, other):
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def y_overlap(self, other):
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))


def union_all(boxes):
    boxes = list(boxes)
    result = boxes[0]
    for box in boxes[1:]:
        result = result.union(box)
    return result


@dataclass
class Run:
    text: str
    bold: bool


@dataclass
class Piece:
    """Part of a printed line: characters of one size on one baseline, with no gutter inside."""

    box: Box
    size: float
    runs: list[Run]
    # A space glyph drawn before its first letter or after its last (some layout systems draw
    # the space a line was broken at): the words went on across the break.
    spaced: tuple[bool, bool] = (False, False)
    chars: list = field(default_factory=list, repr=False, compare=False)  # spaces included

    @property
    def text(self):
        return "".join(run.text for run in self.runs)

    @property
    def bold(self):
        letters = [run for run in self.runs if run.text.strip()]
        return bool(letters) and all(run.bold for run in letters)


@dataclass
class TextBlock:
    lines: list[Piece]
    size: float
    kind: str = "body"  # body, heading, masthead
    right: float = 0.0  # the right edge of the column it stands in

    @property
    def box(self):
        return union_all(line.box for line in self.lines)

    @property
    def text(self):
        return "".join(line.text for line in self.lines)


@dataclass
class Picture:
    box: Box


@dataclass
class LaidArticle:
    """An article as it stands on the page: its headings and what stands under them."""

    headings: list[TextBlock]
    headline: TextBlock
    items: list = field(default_factory=list)  # TextBlocks and Pictures
    width: float = 0.0  # the width of the text under the headings
    span: Box | None = None  # the width its headings stand over (see _span)
    boxes: list = field(default_factory=list)  # its areas on the page (see cover_articles)

    @property
    def box(self):
        return union_all([b.box for b in self.headings] + [i.box for i in self.items])

    @property
    def pictures(self):
        return [item for item in self.items if isinstance(item, Picture)]


@dataclass
class PageLayout:
    width: float
    height: float
    text: str
    articles: list[LaidArticle]
    headlines: list[str]  # each article's headline as the text gives it, in order


def is_bold(fontname):
    name = (fontname or "").lower().split("+")[-1]
    return any(word in name for word in BOLD_WORDS)


# 1. Characters → line pieces


def pieces_of(chars):
    """Line pieces from pdfplumber's characters."""
    by_size = {}
    for char in chars:
        if not char.get("upright", True):
            continue
        size = round(float(char["size"]) * 2) / 2
        if size <= 0:
            continue
        by_size.setdefault(size, []).append(char)
    pieces = []
    for size, group in by_size.items():
        group.sort(key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
        rows, row, row_mid = [], [], None
        for char in group:
            mid = (char["top"] + char["bottom"]) / 2
            if row and abs(mid - row_mid) > 0.4 * size:
                rows.append(row)
                row = []
            if not row:
                row_mid = mid
            row.append(char)
        if row:
            rows.append(row)
        for row in rows:
            pieces += _split_row(sorted(row, key=lambda c: c["x0"]), size)
    return pieces


def _split_row(row, size):
    """Cut a row where it crosses a gutter: a gap that no character (a space) fills."""
    pieces, current, last = [], [], None
    before = after = False  # a space glyph before the piece's first letter, after its last
    for char in row:
        if last is not None and char["x0"] - last["x1"] > 0.6 * size:
            if current:
                pieces.append(_piece(current, size, (before, after)))
            current, before, after = [], False, False
        last = char
        if char["text"].strip():
            current.append(char)
            after = False
        elif current:
            current.append(char)
            after = True
        else:
            before = True
    if current:
        pieces.append(_piece(current, size, (before, after)))
    return pieces


def cut_at_gutters(pieces):
    """Larger lines cut where they cross a gutter of the body text's columns: a gap that no
    space fills, with lines of body text ending in it and starting in it (two articles'
    headlines side by side, each set in its own columns: the gap between them is no wider than
    a word space is at their size)."""
    size = _commonest_size(pieces)
    body = [piece.box for piece in pieces if piece.size == size]

    def gutter(x0, x1):
        # Full lines end inside it, or less than a character short of its left edge (Chinese
        # text is not always justified, a headline not always as wide as its column); lines
        # start inside it, or at its right edge (a headline flush left, or centred: a little
        # right of its column's edge).
        ending = [box.x1 for box in body if x0 - size < box.x1 < x1 - 0.1 * size]
        starting = [box.x0 for box in body if x0 + 0.1 * size < box.x0 < x1 + 0.1 * size]
        return len(ending) >= 3 and len(starting) >= 3 and min(starting) > max(ending)

    result = []
    for piece in pieces:
        chars, start = piece.chars, 0
        spaced = piece.spaced
        # (wider than the line's own gap between letters: a headline set letter-spaced is not
        # cut wherever one of its gaps happens to stand over a gutter)
        gaps = sorted(
            two["x0"] - one["x1"]
            for one, two in zip(chars, chars[1:], strict=False)
            if one["text"].strip() and two["text"].strip()
        )
        usual = gaps[len(gaps) // 2] if gaps else 0.0
        for n in range(1, len(chars) if piece.size > size else 0):
            one, two = chars[n - 1], chars[n]
            if not (one["text"].strip() and two["text"].strip()):
                continue
            if two["x0"] - one["x1"] - usual > 0.5 * size and gutter(one["x1"], two["x0"]):
                result.append(_piece(chars[start:n], piece.size, (spaced[0], False)))
                start, spaced = n, (False, spaced[1])
        result.append(piece if start == 0 else _piece(chars[start:], piece.size, spaced))
    return result


def _piece(chars, size, spaced=(False, False)):
    every, chars = chars, [char for char in chars if char["text"].strip()]
    runs = []
    previous = None
    for char in chars:
        text = char["text"]
        if previous is not None and char["x0"] - previous["x1"] > 0.2 * size:
            text = " " + text
        bold = is_bold(char.get("fontname"))
        if runs and runs[-1].bold == bold:
            runs[-1].text += text
        else:
            runs.append(Run(text, bold))
        previous = char
    box = Box(
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )
    return Piece(box, size, runs, spaced, every)


# 2. Line pieces → blocks


def blocks_of(pieces):
    blocks = []
    for piece in sorted(pieces, key=lambda p: (p.box.top, p.box.x0)):
        home = None
        for block in reversed(blocks):
            last = block.lines[-1]
            # (a credit stands on a line of its own: "张卓 摄" under a caption ends it)
            if abs(block.size - piece.size) > 0.6 or _own_line(last.text):
                continue
            gap = piece.box.top - last.box.bottom
            if gap < -0.3 * piece.size or gap > 0.9 * piece.size:
                continue
            narrower = min(last.box.width, piece.box.width) or 1
            same_edge = abs(last.box.x0 - piece.box.x0) < 2.5 * piece.size
            centred = (
                abs((last.box.x0 + last.box.x1) / 2 - (piece.box.x0 + piece.box.x1) / 2)
                < piece.size
            )
            inside = piece.box.x0 >= last.box.x0 - 1 and piece.box.x1 <= last.box.x1 + 1
            aligned = same_edge or centred or inside
            # Left of the block by an indent at most: the paragraphs above all started indented.
            reach = Box(last.box.x0 - 2.5 * piece.size, last.box.top, last.box.x1, last.box.bottom)
            if reach.x_overlap(piece.box) >= 0.5 * narrower and aligned:
                home = block
                break
        if home is None:
            blocks.append(TextBlock([piece], piece.size))
        else:
            home.lines.append(piece)
    return blocks


# 3. The masthead, headings and the articles' heading groups


def _is_masthead_text(text):
    plain = text.replace(" ", "")
    if plain in t.TITLES or t.is_furniture(text) or t.ORGANISATION_LINE.fullmatch(plain):
        return True
    try:
        return t.parse_date_line(text) is not None
    except t.PageError:
        return True


def body_size(blocks):
    return _commonest_size(line for block in blocks for line in block.lines)


def _commonest_size(pieces):
    """The size most of the text is set in: the body text's."""
    counts = {}
    for piece in pieces:
        counts[piece.size] = counts.get(piece.size, 0) + len(piece.text)
    return max(counts, key=counts.get) if counts else 10.0


def classify(blocks, page_height):
    size = body_size(blocks)
    for block in blocks:
        top_part = block.box.top < page_height * 0.3
        if top_part and all(_is_masthead_text(line.text) for line in block.lines):
            block.kind = "masthead"
        elif block.size >= size * HEADING_RATIO and len(block.text) <= 80:
            block.kind = "heading"
    _demote_subheads(blocks)
    return size


def _demote_subheads(blocks):
    """A smaller heading inside a column of text is a subhead: body text ends right above it,
    or starts right under it with no other heading beside it above or below."""
    headings = [b for b in blocks if b.kind == "heading"]
    if not headings:
        return
    largest = max(b.size for b in headings)

    def touching(block, kinds, above):
        for other in blocks:
            if other is block or other.kind not in kinds:
                continue
            if above:  # noqa: SIM108
                gap = block.box.top - other.box.bottom
            else:
                gap = other.box.top - block.box.bottom
            if -1 < gap < 1.0 * block.size and other.box.x_overlap(block.box) > 0:
                return True
        return False

    for block in headings:
        if block.size >= 0.75 * largest or len(block.lines) > 2:
            continue
        if _over_headline(block, headings):
            # A line right over a larger heading is its kicker, whatever text ends above it (the
            # article before, across a narrow gap between two rows of articles).
            continue
        body_above = touching(block, ("body",), above=True)
        body_below = touching(block, ("body",), above=False)
        heading_near = (
            touching(block, ("heading",), True)
            or touching(block, ("heading",), False)
            or _under_headline(block, headings, blocks)
        )
        if body_above or (body_below and not heading_near):
            block.kind = "body"


def _under_headline(block, headings, blocks):
    """Whether a larger heading ends right above ``block`` beside it, with nothing between
    them: a subtitle set flush left under a headline centred over the article."""
    for other in headings:
        gap = block.box.top - other.box.bottom
        if other.size <= block.size + 0.6 or not -1 < gap < 1.0 * block.size:
            continue
        if other.box.x0 >= block.box.x1:
            between = Box(block.box.x1, other.box.top, other.box.x0, block.box.bottom)
        elif other.box.x1 <= block.box.x0:
            between = Box(other.box.x1, other.box.top, block.box.x0, block.box.bottom)
        else:
            return True
        if not _hits(between, [b.box for b in blocks if b is not block and b is not other]):
            return True
    return False


def _over_headline(block, headings):
    """Whether a larger heading starts right under ``block``, within its width."""
    for other in headings:
        gap = other.box.top - block.box.bottom
        if (
            other.size > block.size + 0.6
            and -1 < gap < 0.7 * other.size
            and other.box.x_overlap(block.box) > 0.5 * min(block.box.width, other.box.width)
        ):
            return True
    return False


def heading_groups(blocks, obstacles, left, right, below=(), size=10.0, heads=()):
    """Heading blocks that stand together (one right above the other, within the same width
    once widened to their neighbours): one group each."""
    headings = sorted((b for b in blocks if b.kind == "heading"), key=lambda b: b.box.top)
    spans = {id(b): _span(b.box, obstacles, left, right, below, size, heads) for b in headings}
    groups = []
    for block in headings:
        best, best_overlap = None, 0.0
        for group in groups:
            last = group[-1]
            if last.text.lstrip().startswith("—") and block.size > last.size + 0.6:
                # A "——" line ends what it belongs to (a subtitle its headings, an attribution
                # its quote): a larger heading under it is the next article's.
                continue
            gap = block.box.top - last.box.bottom
            if not -1 < gap < 0.7 * max(last.size, block.size):
                continue
            # Each stands within the other's width: a kicker over its headline, not a
            # neighbour's subtitle beside it.
            one = spans[id(last)].x_overlap(block.box) / (block.box.width or 1)
            other = spans[id(block)].x_overlap(last.box) / (last.box.width or 1)
            if min(one, other) > 0.5 and min(one, other) > best_overlap:
                best, best_overlap = group, min(one, other)
        if best is None:
            groups.append([block])
        else:
            best.append(block)
    return groups


# 4. What stands under which heading


def _widened(group_box, below, size=10.0, heads=()):
    """A heading's box widened to the text and pictures that start right under it, and to the
    columns beside those that start as high (a headline narrower than its columns of text): as
    many on each side, where it is centred over the text right under it."""
    box = group_box
    tops = []
    for other in below:
        gap = other.top - group_box.bottom
        if not (-1 < gap < 4 * group_box.height and other.x_overlap(group_box) > 0):
            continue
        # (not under another heading set apart below it: the next article's, under a tall
        # headline; one right under it is its own subtitle)
        if not any(
            h.x_overlap(other) > 0 and group_box.bottom + 2.5 * size < h.top < other.top
            for h in heads
        ):
            box = Box(min(box.x0, other.x0), box.top, max(box.x1, other.x1), box.bottom)
            tops.append(other.top)
    # A heading flush with the left edge of the text under it starts its article there: the
    # column to its left is another's (and so on the right, unless it is flush with both: a
    # headline as wide as its first column says nothing of the columns right of it).
    flush_left = abs(group_box.x0 - box.x0) < size
    flush_right = abs(group_box.x1 - box.x1) < size and not flush_left
    # A heading centred over the text under it stands in the middle of its columns.
    middle = (group_box.x0 + group_box.x1) / 2
    centred = (
        not flush_left and not flush_right and abs((box.x0 + box.x1) / 2 - middle) < 0.5 * size
    )
    under, added = box, []
    grown = True
    while grown:
        grown = False
        for other in below:
            # Right under it, or level with the first text under it (set apart from it).
            near = -1 < other.top - group_box.bottom < 2.5 * size
            if not (near or (tops and abs(other.top - min(tops)) < 0.6 * size)):
                continue
            if (other.x0 > box.x1 and flush_right) or (other.x1 < box.x0 and flush_left):
                continue
            # A column starts there: nothing stands right above it (a caption goes on from its
            # picture, which stands under a heading of its own).
            if any(_right_under(other, part, size) for part in below if part is not other):
                continue
            beside = other.x0 - box.x1 if other.x0 > box.x1 else box.x0 - other.x1
            # not a column under another heading that stands beside this one (one that starts
            # under it is its own subtitle, set flush left under a headline centred)
            headed = any(
                h.x_overlap(other) > 0 and group_box.top - 1 < h.bottom < other.top + 1
                for h in heads
                if not (h.x_overlap(group_box) > 0 and h.y_overlap(group_box) > 0)
                and h.top < group_box.bottom
            )
            if 0 < beside < 3 * size and not headed:
                box = Box(min(box.x0, other.x0), box.top, max(box.x1, other.x1), box.bottom)
                added.append(other)
                grown = True
    if centred and added:
        # as many columns on each side: those further on one side are a neighbour's
        reach = min(middle - box.x0, box.x1 - middle) + size
        box = union_all(
            [under] + [o for o in added if o.x0 >= middle - reach and o.x1 <= middle + reach]
        )
        box = Box(box.x0, group_box.top, box.x1, group_box.bottom)
    return box


def _right_under(one, two, size):
    """Whether box ``one`` stands right under box ``two``, in its column."""
    narrower = min(one.width, two.width) or 1
    return -1 < one.top - two.bottom < 1.5 * size and one.x_overlap(two) > 0.5 * narrower


def _span(group_box, obstacles, left, right, below=(), size=10.0, heads=()):
    """The heading's width: widened to the columns of text right under it, then halfway to the
    neighbours beside it (or to the text's margins)."""
    box = _widened(group_box, below, size, heads)
    x0, x1 = left, right
    for other in obstacles:
        if other.y_overlap(group_box) <= 0:
            continue
        if other.x1 <= box.x0 + 1:
            x0 = max(x0, (other.x1 + box.x0) / 2)
        elif other.x0 >= box.x1 - 1:
            x1 = min(x1, (other.x0 + box.x1) / 2)
    return Box(x0, group_box.top, x1, group_box.bottom)


def assign(groups, items, obstacles, left, right, below=(), size=10.0, heads=()):
    """{group index: items}, and the items above every heading."""
    spans = [
        _span(union_all(b.box for b in group), obstacles, left, right, below, size, heads)
        for group in groups
    ]
    owned = {index: [] for index in range(len(groups))}
    above = []
    for item in items:
        box = item.box
        best = None
        for index, span in enumerate(spans):
            if span.bottom > box.top + 2:
                continue
            if span.x_overlap(box) < 0.5 * box.width:
                continue
            if best is None or span.bottom > spans[best].bottom:
                best = index
        if best is None:
            above.append(item)
        else:
            owned[best].append(item)
    return owned, above


def _join_level_columns(owned, groups, size):
    """A column of text with nothing of its article above it (it was given by the width its
    heading was thought to span) goes with the columns it stands level with: text set in
    columns starts every column at the same height, so a column that starts one gutter beside
    another article's column, level with it, is that article's (a headline over fewer columns
    than its text), unless a column or a picture of its own article stands level beside it too;
    and the text right under it in its column goes on with it."""

    def headed(block, index):
        # Something of its article right above it: a column of text has no hole lines deep.
        parts = [b.box for b in groups[index]] + [i.box for i in owned[index] if i is not block]
        return any(
            -1 < block.box.top - part.bottom < 4 * size
            and part.x_overlap(block.box) > 0.2 * block.box.width
            for part in parts
        )

    def level_beside(block, other):
        # (a column's right edge: the widest of its lines, not a short one at its top)
        one, two = block.box, other.box
        if two.x0 >= one.x1:
            gap = two.x0 - max(one.x1, block.right)
        else:
            gap = one.x0 - max(two.x1, getattr(other, "right", 0.0))
        return abs(two.top - one.top) < 0.6 * size and -1 < gap < 3 * size

    for _round in range(len(owned)):  # a column moved can make its neighbour's move
        moved = False
        for index, items in owned.items():
            for block in [i for i in items if isinstance(i, TextBlock) and i.kind == "body"]:
                if headed(block, index):
                    continue
                body = [
                    (other_index, other)
                    for other_index, others in owned.items()
                    for other in others
                    if other is not block and isinstance(other, TextBlock) and other.kind == "body"
                ]
                # It goes on from the text right above it in its column (under a subhead), or
                # starts level with the columns beside it.
                owners = {n for n, other in body if _right_under(block.box, other.box, size)}
                if not owners:
                    level = [
                        (abs(other.box.top - block.box.top), n)
                        for n, other in body
                        if level_beside(block, other)
                    ]
                    # A picture of its own beside it, level (a picture's top stands where a
                    # line's box does, not its characters: level, not to be measured exactly).
                    level += [
                        (0.0, index)
                        for picture in items
                        if isinstance(picture, Picture) and level_beside(block, picture)
                    ]
                    # The most level: columns set together start on one line exactly.
                    best = min(level, default=(0, None))[0]
                    owners = {n for off, n in level if off <= best + 0.1 * size}
                if len(owners) == 1 and index not in owners:
                    [new] = owners
                    items.remove(block)
                    owned[new].append(block)
                    moved = True
        if not moved:
            break


# 5. Reading order and paragraphs


def reading_order(items):
    """Bands started by blocks as wide as several columns; column by column inside a band."""
    if not items:
        return []
    widths = sorted(item.box.width for item in items if isinstance(item, TextBlock))
    column = widths[len(widths) // 2] if widths else max(item.box.width for item in items)
    # A wide block starts a band, unless something stands beside it (then it is a column).
    wide = sorted(
        (
            i
            for i in items
            if i.box.width > 1.4 * column
            and isinstance(i, TextBlock)
            and not any(o.box.y_overlap(i.box) > 1 and o.box.x_overlap(i.box) <= 0 for o in items)
        ),
        key=lambda i: i.box.top,
    )
    bands = [[]]
    starts = [float("-inf")] + [w.box.top for w in wide]
    for item in items:
        index = max(n for n, start in enumerate(starts) if item.box.top >= start - 1)
        while len(bands) <= index:
            bands.append([])
        bands[index].append(item)
    ordered = []
    for band in bands:
        heads = [i for i in band if i in wide]
        rest = [i for i in band if i not in wide]
        ordered += heads
        for col in _columns_of(rest, column):
            ordered += sorted(col, key=lambda i: i.box.top)
    return ordered


def _columns_of(items, column):
    """``items`` in columns, left to right. The columns are made of the items no wider than a
    column, each joining the first column whose extent it overlaps by half the narrower of the
    two; an item wider than that (a picture, or a caption over a column and a half) then goes to
    the column it overlaps most, or stands as a column of its own where it overlaps none by that
    much, so that it cannot draw a neighbouring column's short line (a subhead) into its own."""
    columns = []  # ([x0, x1], items)

    def overlap(extent, box):
        return min(extent[1], box.x1) - max(extent[0], box.x0)

    def within(extent, box):
        # (by half the narrower of the two)
        return overlap(extent, box) >= 0.5 * (min(extent[1] - extent[0], box.width) or 1)

    narrow = [i for i in items if i.box.width <= 1.1 * column]
    for item in sorted(narrow, key=lambda i: (i.box.x0, -i.box.width)):
        for extent, members in columns:
            if within(extent, item.box):
                members.append(item)
                extent[1] = max(extent[1], item.box.x1)
                break
        else:
            columns.append(([item.box.x0, item.box.x1], [item]))
    for item in sorted((i for i in items if i not in narrow), key=lambda i: i.box.x0):
        best = max(columns, key=lambda col: overlap(col[0], item.box), default=None)
        if best and within(best[0], item.box):
            best[1].append(item)
        else:
            columns.append(([item.box.x0, item.box.x1], [item]))
            columns.sort(key=lambda col: col[0][0])
    return [members for _extent, members in columns]


def set_column_edges(blocks):
    """Each block's column right edge: the widest line of the blocks that share its left edge."""
    for block in blocks:
        box = block.box
        block.right = max(
            (
                other.box.x1
                for other in blocks
                if abs(other.box.x0 - box.x0) < 0.5 * block.size
                and other.kind == block.kind
                and abs(other.size - block.size) < 0.6
            ),
            default=box.x1,
        )


@dataclass
class Frame:
    """What an article's columns stand in, where known: the page's column ``gutter``, the
    article's ``left`` and ``right`` edges, the ``middle`` its headline is centred on, and the
    edges of the page's columns (``page_edges``: see column_edges)."""

    gutter: float = 0.0
    left: float | None = None
    right: float | None = None
    middle: float | None = None
    page_edges: list = field(default_factory=list)


def paragraphs_of(blocks, size, frame=None):
    """(kind, text) for the blocks in order: "p" paragraphs and "h" subheads; a paragraph goes
    on across blocks unless its last line ended short or the next block starts indented.
    ``frame``: what the article's columns stand in, where known (see _column_lefts)."""
    result = []
    open_para = False
    # Text whose paragraphs start indented: a line that is not indented goes on with the
    # paragraph of the line above it, even when that one ended short (a line end that no
    # character could take: a closing quote or a comma does not start a line), unless it is a
    # byline or a credit, or one stands before it. Only where the column's edge is known: some
    # of its lines start left of others, or its lines fill the width of the article's columns
    # from where they start (see _column_lefts).
    lefts, known = _column_lefts(blocks, frame or Frame())
    indented = _indented_text(blocks, lefts)
    for block in blocks:
        # Indents are told from the column's left edge: a block of one line, or of a
        # paragraph's first line alone (the top of a column), starts where its indent does.
        edge = lefts[id(block)]
        # Where the column's edge is known (see _column_lefts).
        edge_seen = id(block) in known
        for line in block.lines:
            indent = line.box.x0 - edge > 0.8 * line.size
            # A credit on a line of its own ("张卓 摄", "(…供稿)") is never a paragraph's end.
            indent = indent or _own_line(line.text)
            text = _line_text(line, starts_para=indent or not open_para)
            is_subhead = (
                len(block.lines) <= 2
                and (line.size >= size * SUBHEAD_RATIO or line.bold)
                and len(line.text) <= 36
                and not t.ends_sentence(line.text)
                and not t.split_dateline(line.text)
            )
            if is_subhead:
                result.append(["h", line.text.strip()])
                open_para = False
                continue
            runs_on = (
                indented
                and edge_seen
                and result
                and result[-1][0] == "p"
                and not _credit_line(result[-1][1])
                and not _bold_lead(line)
                and not _credit_line(line.text)
            )
            if indent or not (open_para or runs_on):
                result.append(["p", text])
            else:
                result[-1][1] += text
            open_para = line.box.x1 >= block.right - 1.8 * line.size
    return [(kind, text.strip()) for kind, text in result]


def _column_lefts(blocks, frame):
    """{id(block): the left edge of its column}: where its column's lines start furthest left;
    and the ids of the blocks whose column edge is known (see below), not just guessed.
    A column whose every line starts indented (each line a paragraph's first) hides its edge;
    it is found where an indent as deep as the article's other indents would put it and one of
    these agrees (``frame``, a Frame: what the article stands in): first a column of the page
    over or under it (columns line up down a page), which wins over a width that says its lines
    start at the edge; then the width of the article's other columns, measured from the
    column's right edge or (its last column) from the article's right edge; the article's left
    edge (its first column); as far left of the middle its headline is centred on as the
    article's right edge is right of it; the page's gutter right of the column before; or, the
    article's columns being as wide as each other, its edges and the gutter. Where every line
    of the article starts indented, its indent is Chinese text's: two characters."""
    gutter, left, right = frame.gutter, frame.left, frame.right
    lefts = {
        id(block): min(
            other.box.x0
            for other in blocks
            if other.box.x_overlap(block.box) > 0.5 * min(other.box.width, block.box.width)
        )
        for block in blocks
    }
    seen = [block for block in blocks if _shows_indent(block, lefts[id(block)])]
    known = {id(block) for block in seen}
    width = max((block.right - lefts[id(block)] for block in seen), default=None)
    indent = min(
        (
            line.box.x0 - lefts[id(block)]
            for block in seen
            for line in block.lines
            if line.box.x0 - lefts[id(block)] > 0.8 * line.size
        ),
        default=None,
    )
    starts = []  # where the article's columns start, as their lines show
    for x0 in sorted(lefts.values()):
        if not starts or x0 - starts[-1] > max(gutter, 2 * blocks[0].size):
            starts.append(x0)

    def indented_from(edge, block):
        # (where no line shows the indent, Chinese text's: two characters)
        return abs(lefts[id(block)] - edge - (indent or 2 * block.size)) < 0.5 * block.size

    for block in blocks:
        x0 = lefts[id(block)]
        if block in seen:
            continue
        if any(abs(lefts[id(other)] - x0) < 0.5 * block.size for other in seen):
            known.add(id(block))  # its lines start at the edge a column of the article shows
            continue
        # A column of the page over or under it whose edge stands an indent left of its lines
        # (columns line up down a page): its lines are indented, however wide they are.
        lined_up = [
            edge
            for edge, end in frame.page_edges
            if edge < x0
            and min(end, block.box.x1) - x0 > 0.5 * min(end - edge, block.box.width)
            and indented_from(edge, block)
        ]
        if not lined_up and width is not None and abs(block.right - x0 - width) < 0.5 * block.size:
            known.add(id(block))  # its lines start at the edge: they are as wide as a column
            continue
        candidates = list(lined_up)
        if width is not None:
            candidates.append(block.right - width)
            if right is not None and not any(other.box.x0 > block.box.x1 for other in blocks):
                candidates.append(right - width)
        if not any(other.box.x1 < block.box.x0 for other in blocks):
            if left is not None:
                candidates.append(left)
            if frame.middle is not None and right is not None:
                candidates.append(2 * frame.middle - right)
        before = [other.right for other in seen if other.right < x0]
        if gutter and before:
            candidates.append(max(before) + gutter)
        if gutter and left is not None and right is not None and len(starts) > 1:
            # Its columns are as wide as each other: the n-th of k starts n columns and
            # gutters right of the article's left edge.
            number = max(n for n, start in enumerate(starts) if start <= x0 + 1)
            column = (right - left - (len(starts) - 1) * gutter) / len(starts)
            candidates.append(left + number * (column + gutter))
        edge = next((edge for edge in candidates if indented_from(edge, block)), None)
        if edge is not None:
            lefts[id(block)] = edge
            known.add(id(block))
    return lefts, known


def _shows_indent(block, edge):
    """Whether a line of ``block`` starts indented from ``edge``."""
    return any(line.box.x0 - edge > 0.8 * line.size for line in block.lines)


def column_edges(blocks):
    """(left edge, right edge) of each column of text whose edge its lines show: some start
    there, others indented."""
    edges = []
    for block in blocks:
        edge = min(line.box.x0 for line in block.lines)
        if _shows_indent(block, edge):
            edges.append((edge, block.right))
    return edges


def _indented_text(blocks, lefts):
    """Whether the text's paragraphs start indented: some line does, and more lines start at
    the column's edge than indented (the lines after each paragraph's first)."""
    indents = edges = 0
    for block in blocks:
        left = lefts[id(block)]
        for line in block.lines:
            if _own_line(line.text) or _credit_line(line.text):
                continue
            if line.box.x0 - left > 0.8 * line.size:
                indents += 1
            else:
                edges += 1
    return 0 < indents <= edges


def _bold_lead(line):
    """A line that starts with a bold lead (a dateline): a paragraph's first."""
    return len(line.runs) > 1 and line.runs[0].bold and bool(line.runs[0].text.strip())


def _credit_line(text):
    """A byline or a credit: not a paragraph of the story."""
    return bool(t.parse_roles(text.replace("**", ""))) or _own_line(text)


def _own_line(text):
    text = text.strip()
    if t.PHOTO_LINE.match(text) or t.PHOTO_PREFIX.match(text):
        return True
    credit = t.CREDIT_LINE.match(text)
    return bool(credit and t.parse_credit(credit["inner"]))


def _line_text(line, starts_para):
    """A line's text; a bold lead at a paragraph's start (a dateline) keeps its mark."""
    runs = line.runs
    if starts_para and len(runs) > 1 and runs[0].bold and runs[0].text.strip():
        return f"**{runs[0].text.strip()}** " + "".join(r.text for r in runs[1:]).strip()
    return line.text


# 6. The whole page


def captions_under(pictures, blocks, size):
    """Blocks standing right under a picture, or under its caption: its caption and credit."""
    captions = []
    for picture in pictures:
        above = picture.box
        while True:
            below = [
                b
                for b in blocks
                if b not in captions
                and -1 < b.box.top - above.bottom < 1.5 * size
                and b.box.x_overlap(picture.box) > 0.5 * b.box.width
                and len(b.lines) <= 4
                and (above is picture.box or _own_line(b.text))
            ]
            if not below:
                break
            captions += below
            above = union_all(b.box for b in below)
    return captions


def lay_out(chars, images, width, height):
    """The page's marked text and its articles' places."""
    blocks = blocks_of(cut_at_gutters(pieces_of(chars)))
    size = classify(blocks, height)
    pictures = [
        Picture(Box(i["x0"], i["top"], i["x1"], i["bottom"]))
        for i in images
        if (i["x1"] - i["x0"]) > 2 * size and (i["bottom"] - i["top"]) > 2 * size
    ]
    content = [b for b in blocks if b.kind == "body"]
    set_column_edges(content)
    others = [b.box for b in content] + [p.box for p in pictures]
    inside = [b for b in blocks if b.kind != "masthead"]
    left = min((b.box.x0 for b in inside), default=0)
    right = max((b.box.x1 for b in inside), default=width)
    headings = [b.box for b in blocks if b.kind == "heading"]
    groups = heading_groups(blocks, others + headings, left, right, others, size, headings)
    group_boxes = [_widened(union_all(b.box for b in g), others, size, headings) for g in groups]
    obstacles = others + group_boxes
    owned, above = assign(
        groups, content + pictures, obstacles, left, right, others, size, headings
    )
    gutter = _gutter(others)
    page_edges = column_edges(content)
    _join_level_columns(owned, groups, size)
    # Heading groups with nothing under them (a banner) go before the next article's heading.
    articles, loose = [], []
    for index, group in enumerate(groups):
        if not owned[index]:
            loose.append(group)
            continue
        headline = max(group, key=lambda b: (b.size, -b.box.top))
        width = union_all([group_boxes[index]] + [item.box for item in owned[index]]).width
        span = _span(
            union_all(b.box for b in group), obstacles, left, right, others, size, headings
        )
        articles.append(LaidArticle(group, headline, owned[index], width, span))
    for article in articles:
        banner = _banner_over(article, articles)
        if banner is not None:
            article.headings.remove(banner)
            loose.append([banner])
    masthead_boxes = [b.box for b in blocks if b.kind == "masthead"]
    cover_articles(articles, union_all(masthead_boxes) if masthead_boxes else None)
    # Print order: by where each article's headings start, top to bottom, then left to right.
    articles.sort(key=lambda a: (round(min(h.box.top for h in a.headings) / (2 * size)), a.box.x0))

    lines = []
    masthead = [b for b in blocks if b.kind == "masthead"]
    preamble = sorted(
        masthead + [b for b in above if isinstance(b, TextBlock)],
        key=lambda b: (round(b.box.top / size), b.box.x0),
    )
    for block in preamble:
        if block.kind == "masthead" or len(block.lines) <= 3:
            # Masthead and quote lines as they are: the parser joins what runs on.
            lines += [line.text for line in block.lines] + [""]
        else:
            lines += [text for _kind, text in paragraphs_of([block], size)] + [""]
    headlines = []
    for article in articles:
        for group in [g for g in loose if union_all(b.box for b in g).bottom <= article.box.top]:
            lines += [_join(group), ""]
            loose.remove(group)
        lines += _article_text(article, size, Frame(gutter, page_edges=page_edges))
        headlines.append(_heading_text(article.headline, article.width))
    return PageLayout(width, height, "\n".join(lines), articles, headlines)


def _banner_over(article, articles):
    """The line over an article's headings that is the page's banner, not its kicker: it stands
    before the page's first band of articles (above where every other article starts), and
    either over the whole band (the articles beside this one start under it, where a kicker
    would start level with them), or set apart from the headings under it by more than the
    page's kickers are, or set in a style none of its kickers and subtitles has."""
    first = article.headings[0]
    if first is article.headline:
        return None
    others = [other for other in articles if other is not article]
    tops = [min(h.box.top for h in other.headings) for other in others]
    if any(top < first.box.bottom - 0.2 * first.size for top in tops):
        return None
    head = article.headline.box
    beside = [
        other
        for other in others
        if other.headline.box.y_overlap(head) > 0 and other.headline.box.x_overlap(head) <= 0
    ]
    if beside:
        return first
    # Set apart from the headings under it by more than the page sets any kicker from its own.
    gap = article.headings[1].box.top - first.box.bottom
    kickers = [
        lower.box.top - upper.box.bottom
        for other in articles
        for upper, lower in zip(other.headings, other.headings[1:], strict=False)
        if upper is not first and upper.box.bottom <= other.headline.box.top + 1
    ]
    if kickers and gap > 1.5 * max(kickers) + 0.1 * first.size:
        return first
    # Set in a style none of the page's kickers and subtitles has (they share the heads' style).
    styles = {
        _style(block)
        for other in articles
        for block in other.headings
        if block is not first and block is not other.headline
    }
    if styles and _style(first) not in styles:
        return first
    return None


def _style(block):
    return (round(block.size), all(line.bold for line in block.lines))


def _hits(box, others):
    return any(box.x_overlap(o) > 1 and box.y_overlap(o) > 1 for o in others)


def cover_articles(articles, frame=None):
    """Each article's areas: rectangles that together cover its headings, text and pictures and
    none of its neighbours' (an article whose text goes on down a column beside the next one is
    an L: two rectangles). A headline centred over more width than the text under it (a column
    left empty) tells the article's width, and so do columns left empty beside its text up to
    the next article, when that width holds nothing of another article: down to where its text
    goes, as far as it can without taking in a neighbour. ``frame``: the masthead's box, which
    tells how wide the page's first row is."""
    parts = {id(a): [b.box for b in a.headings] + [i.box for i in a.items] for a in articles}
    gutter = _gutter([box for boxes in parts.values() for box in boxes])
    areas = {}  # id: the areas of the articles done so far
    # Top to bottom, so that the row above an article has its areas already.
    for article in sorted(articles, key=lambda a: union_all(parts[id(a)]).top):
        foreign = [box for other in articles if other is not article for box in parts[id(other)]]
        columns = [item.box for item in article.items]
        own = [b.box for b in article.headings] + [
            _column_wide(part, columns, foreign) for part in columns
        ]
        span, head = article.span, article.headline.box
        box = union_all(own)
        centre = (head.x0 + head.x1) / 2
        reach = None
        # (a headline flush left with its text is set flush left, whatever its middle)
        flush_left = abs(head.x0 - box.x0) < 0.5 * head.height
        if (
            span is not None
            and abs((span.x0 + span.x1) - (head.x0 + head.x1)) < head.height
            and not flush_left
        ):
            reach = (min(span.x0, box.x0), max(span.x1, box.x1))
        elif 2 * centre - box.x0 > box.x1 + head.height:
            # A headline centred to the right of its text's middle is centred over columns its
            # text does not fill: they reach as far right of its centre as the text starts left.
            reach = (box.x0, 2 * centre - box.x0)
        # A headline centred over its text, narrower than it, tells that its text fills the
        # article's width: the columns beside are not the article's.
        centred = (
            abs(2 * centre - box.x0 - box.x1) < 2 * head.height
            and head.width < box.width - 2 * head.height
        )
        if reach is None and not centred:
            higher = [
                union_all(areas.get(id(other)) or parts[id(other)])
                for other in articles
                if other is not article and union_all(parts[id(other)]).bottom <= box.top + 1
            ]
            above = [other for other in higher if other.x_overlap(box) > 0]
            over = None
            if not higher and frame is not None and frame.x1 - box.x1 < box.width:
                # The page's first row: as wide as the masthead over it.
                over = frame.x1
            if above:
                # The article right above, or the row it stands in where the columns left empty
                # are fewer than the article's text fills (a page leaves no wide hole in a row).
                lowest = max(above, key=lambda b: b.bottom)
                row = max(
                    other.x1
                    for other in higher
                    if other.y_overlap(lowest) > 1 and other.x0 >= lowest.x0 - 1
                )
                over = row if row - box.x1 < box.width else lowest.x1
            reach = _empty_to_the_right(box, foreign, over, gutter)
        # The columns the headline spans (or, failing all the above, its own width: an L's
        # head reaches over its tail's column too) are the article's, down to where its text
        # goes (its text may end in fewer columns, or go on as an L's tail under a neighbour:
        # the span reaches as low as it can without taking in another article).
        x0, x1 = reach or (box.x0, box.x1)
        for bottom in sorted({part.bottom for part in own}, reverse=True):
            wide = Box(x0, box.top, x1, bottom)
            if bottom >= head.bottom and not _hits(wide, foreign):
                own = [*own, wide]
                break
        article.boxes = areas[id(article)] = _cover(own, foreign)


def _column_wide(part, columns, foreign):
    """``part`` as wide as its column: as the widest of the article's parts that stand in the
    same column (a short line at a column's top, an L's tail, stands in a column as wide as
    the lines above), unless that takes in a neighbour's."""
    same = [o for o in columns if o.x_overlap(part) > 0.5 * max(o.width, part.width)] or [part]
    wide = Box(min(o.x0 for o in same), part.top, max(o.x1 for o in same), part.bottom)
    return part if _hits(wide, foreign) else wide


def _gutter(boxes):
    """The narrowest gap between two boxes side by side: the page's column gutter."""
    gaps = [
        other.x0 - box.x1
        for box in boxes
        for other in boxes
        if other.x0 - box.x1 > 1 and box.y_overlap(other) > 1
    ]
    return min(gaps, default=0.0)


def _empty_to_the_right(box, foreign, over, gutter):
    """Columns left empty beside an article's text are the article's (its text did not fill the
    columns it was given; a page's articles are rectangles side by side): up to a gutter short of
    the next article beside it, or, with none beside it, as far as the article right above it
    reaches (whose columns it stands under). Empty page beside and above is nobody's."""
    beside = [f.x0 for f in foreign if f.y_overlap(box) > 1 and f.x0 >= box.x1 - 1]
    edge = min(beside) - gutter if beside else over
    if edge is None or edge - box.x1 <= 2 * gutter:
        return None
    return (box.x0, edge)


def _cover(own, foreign):
    """Few rectangles over the boxes ``own``, none overlapping a box of ``foreign``."""
    rects = []
    for box in sorted(own, key=lambda b: (b.top, b.x0)):
        for n, rect in enumerate(rects):
            joined = rect.union(box)
            if not _hits(joined, foreign):
                rects[n] = joined
                break
        else:
            rects.append(box)
    merged = True
    while merged and len(rects) > 1:
        merged = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                joined = rects[i].union(rects[j])
                if not _hits(joined, foreign):
                    rects[i] = joined
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return rects


def _heading_text(block, width=0.0):
    """A heading's text: its lines joined (a headline set over several lines is one). Chinese
    text breaks between any two characters, so a line broken inside it ends less than a
    character short of the width, and joins the next without a space; one that ends short by
    more (a tenth of a character more: the width under the headline is measured, not the one
    it was set in) was broken where a space stood, as was one the PDF draws a space after (or
    the next line a space before). Latin words break only at a space."""
    text = block.lines[0].text.strip()
    widest = max(line.box.width for line in block.lines)
    for previous, line in zip(block.lines, block.lines[1:], strict=False):
        if previous.box.width + line.box.width + line.size < width:
            # The next line would have fitted on this one whole: the headline was set in a
            # narrower width than the text under it, which its widest line tells best.
            width = widest
        short = previous.box.width < width - 1.1 * previous.size
        latin = _latin(text[-1:]) and _latin(line.text.strip()[:1])
        drawn = previous.spaced[1] or line.spaced[0]
        text += (" " if short or latin or drawn else "") + line.text.strip()
    return text


def _latin(char):
    return char.isascii() and char.isalnum()


def _join(group):
    """A heading group that heads no text: a banner, or a quote set large enough to look like
    headings, whose lines and "——" attribution stay lines of their own as the parser reads them."""
    if any(b.text.lstrip().startswith("—") for b in group):
        return "\n".join(line.text.strip() for b in group for line in b.lines)
    return " ".join(_heading_text(b) for b in group)


def _article_text(article, size, frame=None):
    lines = []
    for block in article.headings:
        text = _heading_text(block, article.width)
        if block is article.headline:
            lines.append(f"## {text}")
        elif text.startswith(("——", "—")):
            lines.append(text)
        else:
            lines.append(f"### {text}")
    lines.append("")
    blocks = [i for i in article.items if isinstance(i, TextBlock)]
    captions = captions_under(article.pictures, blocks, size)
    # Where a column ends is told by the article's own text: another article's wider columns, or
    # a caption under a picture wider than a column, that start at the same left edge say nothing.
    set_column_edges([b for b in blocks if b not in captions])
    body = [b for b in reading_order(article.items) if isinstance(b, TextBlock)]
    # The article's edges where its headings, text and pictures stand (not its area's: they
    # reach to the middle of a gutter), and the middle of a headline not set flush left.
    edges, head = article.box, article.headline.box
    frame = replace(frame or Frame(), left=edges.x0, right=edges.x1)
    if head.x0 - edges.x0 > size:
        frame.middle = (head.x0 + head.x1) / 2
    text = paragraphs_of([b for b in body if b not in captions], size, frame)
    caption_text = paragraphs_of(sorted(captions, key=lambda b: (b.box.top, b.box.x0)), size)
    # Captions go after the first paragraph (the dateline's), where the text import expects a
    # photo's caption and credit inside the story, or make the story if there is nothing else.
    first = next(
        (n + 1 for n, (kind, value) in enumerate(text) if kind == "p" and not _credit_line(value)),
        0,
    )
    text = text[:first] + caption_text + text[first:]
    for kind, value in text:
        lines += [f"#### {value}" if kind == "h" else value, ""]
    return lines
