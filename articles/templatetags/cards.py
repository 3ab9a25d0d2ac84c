"""
The article card (templates/includes/article_card.html) as a tag, its HTML kept in the data cache.

The same card appears on the home page, the edition and court pages, lists and related articles,
and a page that is not in the page cache (a new filter, a page number, the first view after a
change) renders twenty of them. Their HTML is kept per content generation, like the counts in
``newsroom.generation.cached_value``: any change of content makes every card unreachable, so a card
is never stale. They are kept in the web process's own memory (the ``fragments`` cache), apart
from the pages. Highlighted cards (search words) and previews are rendered every time.
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from newsroom.generation import cached_value, fragment_cache, request_generation

register = template.Library()

CARD_TEMPLATE = "includes/article_card.html"


@register.simple_tag(takes_context=True)
def article_card(context, article, level=3, excerpt=False, hide_issue=False):
    """``article`` as a card with a heading of ``level``, its excerpt if ``excerpt``, and without
    its edition if ``hide_issue`` (on the edition's own page)."""
    card = context.template.engine.get_template(CARD_TEMPLATE)
    values = {"article": article, "level": level, "excerpt": excerpt, "hide_issue": hide_issue}

    def render():
        with context.push(values):
            return card.render(context)

    request = context.get("request")
    if request is None or context.get("preview") or context.get("highlight"):
        return render()
    try:
        generation = request_generation(request)
    except Exception:  # the shared cache is down: the page still renders, card by card
        return render()
    # On a contributor's page the card shows that contributor's roles (prefetched as
    # ``contributor_credits``): the same article is another card on another contributor's page.
    roles = ",".join(credit.role for credit in getattr(article, "contributor_credits", ()))
    language = translation.get_language() or ""
    name = f"card|{article.pk}|{level}|{bool(excerpt)}|{bool(hide_issue)}|{roles}|{language}"
    # What a card shows does not change at a scheduled time (the page around it does).
    html = cached_value(name, render, generation, scheduled=False, cache=fragment_cache())
    return mark_safe(html)  # noqa: S308 - the template's own output
