"""Text as readers see it: Chinese-style dates, page labels, plain text and excerpts of rich
text, marked search words. Used by views, feeds and JSON-LD, and by the templates through the
``reader`` tags."""

import datetime
import html
import re

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

# Newspaper dates are written the Chinese way whatever the reader's settings; the weekday name
# ("l") comes from the active locale, which is zh-hans on this site.
LONG_DATE = "Y年n月j日 l"
DATE = "Y年n月j日"
MONTH = "Y年n月"


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def cn_date(value, style="date"):
    """``2025年6月27日``; ``"long"``: ``2025年6月27日 星期五``; ``"month"``: ``2025年6月``."""
    if not value:
        return ""
    fmt = {"long": LONG_DATE, "month": MONTH}.get(style, DATE)
    return date_format(_local(value), fmt)


def page_label(number):
    """``05版``: a page number as printed."""
    return _("page %(page)s") % {"page": f"{number:02d}"}


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|td|th)>", re.IGNORECASE)


def text_of(body_html):
    """The plain text of stored rich text: blocks apart, entities decoded, spaces collapsed."""
    spaced = _BLOCK_END.sub(r"</\1> ", body_html or "")
    return " ".join(html.unescape(strip_tags(spaced)).split())


_SUBHEAD = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


def excerpt_of(article, length=90):
    """The article's summary, or the first ``length`` characters of its paragraphs (a subhead
    is not run into the text that follows it)."""
    summary = article.summary.strip()
    if summary:
        return Truncator(summary).chars(length)
    body = _SUBHEAD.sub(" ", article.body or "")
    return Truncator(text_of(body) or text_of(article.body)).chars(length)


def highlight(text, terms):
    """``text`` escaped, with each of the search ``terms`` marked (case-insensitively)."""
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(str(text)):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
