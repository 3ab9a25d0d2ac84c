"""Comparing what the PDF import understood with a producer's ground truth (no database)."""

from articles.importing.parser import parse_page
from articles.importing.pdf import document
from articles.importing.pdf.layout import lay_out

from .pdfmaker import iou


def differences(spec, data):
    """What the import reads differently from ``spec``: a list of strings, empty when exact."""
    page = document.read(data)[0]
    layout = lay_out(page.chars, page.images, page.width, page.height)
    parsed = parse_page(layout.text)
    found = []
    want_date = spec.date.replace("年", "-").replace("月", "-").replace("日", "")
    if str(parsed.date) != want_date or parsed.page_number != spec.page:
        found.append(f"edition {parsed.date} {parsed.page_number}")
    if parsed.quote != spec.quote or parsed.quote_attribution != spec.attribution.lstrip("—"):
        found.append(f"quote {parsed.quote!r} {parsed.quote_attribution!r}")
    if parsed.banner != spec.banner:
        found.append(f"banner {parsed.banner!r}")
    headlines = [a.headline for a in parsed.articles]
    if sorted(headlines) != sorted(a.headline for a in spec.articles):
        found.append(f"headlines {headlines}")
        return found
    boxes = dict(zip(layout.headlines, layout.articles, strict=True))
    for want in spec.articles:
        got = next(a for a in parsed.articles if a.headline == want.headline)
        fields = ("kicker", "subtitle", "byline", "dateline", "end_credit")
        for name in fields:
            if getattr(got, name) != getattr(want, name):
                found.append(f"{want.headline}: {name} {getattr(got, name)!r}")
        credits = [(c.role, c.name) for c in got.credits]
        if sorted(credits) != sorted(want.credits):
            found.append(f"{want.headline}: credits {credits}")
        photos = [(p.caption, p.photographers) for p in got.photos]
        if photos != ([(want.photo[0], [want.photo[1]])] if want.photo else []):
            found.append(f"{want.headline}: photos {photos}")
        if want.subhead and want.subhead not in got.subheads:
            found.append(f"{want.headline}: subheads {got.subheads}")
        if len(got.paragraphs) != len(want.paragraphs):
            found.append(f"{want.headline}: {len(got.paragraphs)} paragraphs")
        box = boxes[want.headline].box
        overlap = iou((box.x0, box.top, box.x1, box.bottom), want.box)
        if overlap < 0.8:
            found.append(f"{want.headline}: IoU {overlap:.2f}")
    return found
