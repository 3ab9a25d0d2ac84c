"""Bar charts drawn by the site as inline SVG, on the server: no script, no CDN, CSP-safe."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR = 22
GAP = 8
LABEL = 130
WIDTH = 640


def bar_chart(title, bars, unit=""):
    """A horizontal bar chart: ``bars`` is [(label, value)]. Returns safe SVG markup with a
    title and a description, so that screen readers read the numbers."""
    bars = [(str(label), value) for label, value in bars]
    top = max((value for _label, value in bars), default=0) or 1
    height = len(bars) * (BAR + GAP) + GAP
    span = WIDTH - LABEL - 70

    def shown(value):
        return int(value) if float(value).is_integer() else round(value, 2)

    rows = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" font-size="13" fill="#333">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#8b1a1a" rx="2"></rect>'
        '<text x="{}" y="{}" font-size="13" fill="#333">{}{}</text></g>',
        (
            (
                LABEL - 8,
                GAP + index * (BAR + GAP) + BAR * 0.7,
                label,
                LABEL,
                GAP + index * (BAR + GAP),
                max(round(span * value / top, 1), 1 if value else 0),
                BAR,
                LABEL + max(round(span * value / top, 1), 0) + 6,
                GAP + index * (BAR + GAP) + BAR * 0.7,
                shown(value),
                unit,
            )
            for index, (label, value) in enumerate(bars)
        ),
    )
    description = "；".join(f"{label} {shown(value)}{unit}" for label, value in bars)
    return format_html(
        '<svg class="stats-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH,
        max(height, BAR + 2 * GAP),
        id_of(title),
        id_of(title),
        id_of(title),
        title,
        id_of(title),
        description,
        rows if bars else mark_safe(""),
    )


def id_of(title):
    return "chart-" + str(abs(hash(str(title))) % 10**8)
