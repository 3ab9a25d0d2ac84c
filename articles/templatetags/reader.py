"""Template tags of the reader's site: the helpers of articles.text as filters, links, JSON-LD."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.richtext import render_html
from articles.text import cn_date, excerpt_of, highlight, page_label

register = template.Library()

register.filter("cn_date", cn_date)
register.filter("highlight", highlight)


@register.filter(name="page_label")
def page_label_filter(issue_or_number):
    """``05版``: an edition's page number as printed."""
    number = getattr(issue_or_number, "page_number", issue_or_number)
    try:
        return page_label(int(number))
    except (TypeError, ValueError):
        return ""


@register.filter
def excerpt(article, length=90):
    """The summary, or the first lines of the body."""
    return excerpt_of(article, int(length))


@register.simple_tag(takes_context=True)
def article_url(context, article):
    """The article's public URL, or its preview URL on a preview page."""
    if context.get("preview"):
        return reverse("articles:preview", args=[article.pk])
    return article.get_absolute_url()


@register.simple_tag(takes_context=True)
def issue_url(context, issue):
    """The edition's public URL, or its preview URL on a preview page."""
    if context.get("preview"):
        return reverse("articles:issue_preview", args=[issue.pk])
    return issue.get_absolute_url()


@register.simple_tag(takes_context=True)
def absolute_uri(context, path=""):
    """``path`` as an absolute URL on this site (the path alone when there is no request)."""
    request = context.get("request")
    if request is None:
        return path
    return request.build_absolute_uri(path or request.path)


# The characters that could end a <script> element or open a comment inside it, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Emit ``data`` as a JSON-LD script element, escaped so no text can break out of it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def with_dateline(body, dateline):
    """The cleaned body, with the dateline set in bold at the start of its first paragraph.
    Its headings are shifted to start at h2, just below the page's headline (h1)."""
    body_html = render_html(body, top_heading=2)
    if not dateline:
        return body_html
    lead = format_html('<strong class="dateline">{}</strong>\u3000', dateline)
    if body_html.startswith("<p>"):
        return mark_safe("<p>" + lead + body_html[3:])  # noqa: S308 - both parts are safe
    return format_html("<p>{}</p>{}", lead, body_html)
