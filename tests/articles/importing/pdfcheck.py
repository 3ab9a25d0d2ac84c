"""Comparing what the PDF import understood with a producer's ground truth (no database)."""

from dataclasses import dataclass, field

from articles.importing.parser import parse_page
from articles.importing.pdf import document
from articles.importing.pdf.layout import lay_out

MIN_IOU = 0.8  # what the tests ask of each article's area


@dataclass
class Reading:
    """What the import read of one page against its producer's truth."""

    misses: list = field(default_factory=list)  # (field, what was read instead)
    ious: dict = field(default_factory=dict)  # headline → IoU of its areas with the truth

    def add(self, name, detail):
        self.misses.append((name, detail))


def compare(spec, data):
    """A Reading of ``data`` (a page PDF) against ``spec``, the page its producer typeset."""
    page = document.read(data)[0]
    layout = lay_out(page.chars, page.images, page.width, page.height)
    parsed = parse_page(layout.text)
    reading = Reading()
    want_date = spec.date.replace("年", "-").replace("月", "-").replace("日", "")
    if str(parsed.date) != want_date or parsed.page_number != spec.page:
        reading.add("edition", f"{parsed.date} {parsed.page_number}")
    if parsed.quote != spec.quote or parsed.quote_attribution != spec.attribution.lstrip("—"):
        reading.add("quote", f"{parsed.quote!r} {parsed.quote_attribution!r}")
    if parsed.banner != spec.banner:
        reading.add("banner", repr(parsed.banner))
    headlines = [a.headline for a in parsed.articles]
    if sorted(headlines) != sorted(a.headline for a in spec.articles):
        reading.add("headline", repr(headlines))
        return reading
    laid = dict(zip(layout.headlines, layout.articles, strict=True))
    for want in spec.articles:
        got = next(a for a in parsed.articles if a.headline == want.headline)
        for name in ("kicker", "subtitle", "byline", "dateline", "end_credit"):
            if getattr(got, name) != getattr(want, name):
                reading.add(name, f"{want.headline}: {name} {getattr(got, name)!r}")
        credits = [(c.role, c.name) for c in got.credits]
        if sorted(credits) != sorted(want.credits):
            reading.add("credits", f"{want.headline}: credits {credits}")
        # The courts are found in this text (the loader's CourtFinder): the court must be there
        # whole, not cut by a stray space or left in a neighbour's text.
        printed = [*want.paragraphs, want.end_credit, want.photo[0] if want.photo else ""]
        printed += [text for _kind, text in want.blocks or []]
        named = want.court and any(want.court in part for part in printed)
        if named and want.court not in got.text_for_courts():
            reading.add("court", f"{want.headline}: no {want.court}")
        photos = [(p.caption, p.photographers) for p in got.photos]
        if photos != ([(want.photo[0], [want.photo[1]])] if want.photo else []):
            reading.add("photo", f"{want.headline}: photos {photos}")
        if want.subhead and want.subhead not in got.subheads:
            reading.add("subhead", f"{want.headline}: subheads {got.subheads}")
        if len(got.paragraphs) != len(want.paragraphs):
            reading.add("paragraphs", f"{want.headline}: {len(got.paragraphs)} paragraphs")
        article = laid[want.headline]
        boxes = getattr(article, "boxes", None) or [article.box]
        overlap = area_iou([(b.x0, b.top, b.x1, b.bottom) for b in boxes], want_boxes(want))
        reading.ious[want.headline] = overlap
        if overlap < MIN_IOU:
            reading.add("iou", f"{want.headline}: IoU {overlap:.2f}")
    return reading


def want_boxes(article):
    """The producer's box or boxes of an article, as a list of (x0, top, x1, bottom)."""
    box = article.box
    return list(box) if box and isinstance(box[0], tuple | list) else [tuple(box)]


def differences(spec, data):
    """What the import reads differently from ``spec``: a list of strings, empty when exact."""
    return [detail for _name, detail in compare(spec, data).misses]


def area_iou(one, other):
    """Intersection over union of two unions of (x0, top, x1, bottom) rectangles."""
    xs = sorted({x for box in one + other for x in (box[0], box[2])})
    ys = sorted({y for box in one + other for y in (box[1], box[3])})
    inter = union = 0.0
    for x0, x1 in zip(xs, xs[1:], strict=False):
        for y0, y1 in zip(ys, ys[1:], strict=False):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            a = any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in one)
            b = any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in other)
            cell = (x1 - x0) * (y1 - y0)
            inter += cell if a and b else 0
            union += cell if a or b else 0
    return inter / union if union else 0.0
