"""
What apps above articles add to an article's public surfaces, without articles importing them.
Each registers here in its ``AppConfig.ready()`` (corrections, for one).

- ``page_extensions``: ``extend(article, request, context)``, called once when an article page
  (or its staff preview) is made, after its context and JSON-LD; it may add to both, in a fixed
  number of queries.
- ``last_modified_sources``: an article was last modified at the latest of its own
  ``updated_at`` and what these say: its JSON-LD ``dateModified`` and the sitemap's ``lastmod``
  follow it. Each source is a pair of callables: ``per_article()`` returns an expression of a
  date and time per article row (``OuterRef("pk")`` is the article) or NULL
  (``ArticleQuerySet.with_last_modified()``); ``latest_public(now)`` the latest of all public
  articles at ``now``, or None, in one aggregate (``ArticleQuerySet.latest_public_change()``):
  far cheaper than the greatest of the per-row values over a whole archive.
- ``other_feeds``: ``(key, title, url_name)`` of the feeds readers find on the feeds page
  besides the articles' (the corrections' feed, for one).
"""

page_extensions = []
last_modified_sources = []
other_feeds = []


def register_feed(key, title, url_name):
    """List a feed on the feeds page: ``key`` names it in the page (feed-<key>), ``title`` is
    what readers read, ``url_name`` its address's name."""
    feed = (key, title, url_name)
    if feed not in other_feeds:
        other_feeds.append(feed)


def register_page_extension(extend):
    if extend not in page_extensions:
        page_extensions.append(extend)
    return extend


def register_last_modified(per_article, latest_public):
    source = (per_article, latest_public)
    if source not in last_modified_sources:
        last_modified_sources.append(source)


def extend_article_page(article, request, context):
    for extend in page_extensions:
        extend(article, request, context)
