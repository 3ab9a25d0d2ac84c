"""How many public articles each court has, counting the courts below it: the court directory,
a court's page and the home page show it. Articles' business, not the court tree's (courts/)."""

from django.db import models
from django.db.models.functions import Substr

from newsroom.generation import cached_value

from .models import Article


def counted(courts, name):
    """
    The courts, evaluated, each with ``article_count``: the public articles about the court or
    any court below it (see subtree_counts). The counts come from the data cache while the
    content is unchanged (counting a subtree reads the whole archive), so a warm page runs one
    plain query. ``name`` says which courts these are (e.g. "cities"), for the cache.
    """
    courts = list(courts)
    counts = cached_value(f"court-article-counts:{name}", lambda: subtree_counts(courts))
    for court in courts:
        court.article_count = counts.get(court.pk, 0)
    return courts


def subtree_counts(courts):
    """
    {court pk: public articles about the court or any court below it}, for ``courts``: one
    grouped query per depth among them, each one pass over the articles' court links (a court's
    subtree is the links whose court's path starts with its own), rather than one count per court.
    """
    links = Article.courts.through.objects.filter(
        article__in=Article.objects.published().values("pk")
    )
    counts = {}
    for length in sorted({len(court.path) for court in courts}):
        rows = (
            links.annotate(subtree=Substr("court__path", 1, length))
            .values("subtree")
            .annotate(n=models.Count("article_id", distinct=True))
            .order_by()
        )
        by_path = {row["subtree"]: row["n"] for row in rows}
        for court in courts:
            if len(court.path) == length:
                counts[court.pk] = by_path.get(court.path, 0)
    return counts
