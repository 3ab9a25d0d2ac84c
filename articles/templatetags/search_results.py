"""Template helpers of the search page."""

from django import template

from articles.search import query as search

register = template.Library()


@register.filter
def search_snippet(article, marks):
    """The article's text around the first of the reader's words, escaped, the words marked."""
    return search.snippet(article, marks or [])
