"""
Each article's search document (SearchDocument), and what keeps it up to date.

A document is rebuilt whenever its article is saved (the admin, workflow transitions, the page
import, version restores, which save raw), when its courts or credits change, and when a court or
contributor it names is renamed. Bulk loads write documents in bulk (generate_demo) or afterwards
(``manage.py rebuild_search``), since bulk_create sends no signals.

Courts' and contributors' names are words of the segmentation dictionary: when one is added,
renamed or deleted, this process reloads the domain's words before it indexes or searches again,
and every other process once the transaction commits (segmentation.py).
"""

import html
import re
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from courts.models import Court

from ..models import Article, Contributor, Credit, SearchDocument
from .segmentation import bump_dictionary_version, segmenter
from .tsvector import WEIGHTS, is_postgresql, vector_literal

# The article's own fields that its document is made of.
INDEXED_FIELDS = frozenset(
    ["headline", "kicker", "subtitle", "byline", "dateline", "end_credit", "summary", "body"]
)
DOCUMENT_FIELDS = ["headline", "lead", "names", "body", "vector", "head_vector"]
BATCH_SIZE = 500
VECTOR_INDEX = "search_document_vector"

_TAG = re.compile(r"<[^>]*>")


def plain_text(body_html):
    """The words of stored rich text (cleaned HTML): tags out, character references decoded."""
    return html.unescape(_TAG.sub(" ", body_html or ""))


def court_names(court):
    return [court.name, court.short_name, *court.alias_list]


def build_document(
    *,
    headline="",
    kicker="",
    subtitle="",
    byline="",
    dateline="",
    end_credit="",
    summary="",
    body="",
    names=(),
    postgresql=None,
):
    """An unsaved SearchDocument from an article's parts; ``names``: its courts and contributors."""
    words = segmenter.words
    sections = [
        words(headline),
        words(f"{kicker}\n{subtitle}"),
        words("\n".join([byline, dateline, end_credit, *sorted(set(names))])),
        words(f"{summary}\n{plain_text(body)}"),
    ]
    if postgresql is None:
        postgresql = is_postgresql(connection)
    if postgresql:
        # The vector has the words; the text columns are the SQLite engine's and stay empty.
        return SearchDocument(
            vector=vector_literal(zip(WEIGHTS, sections, strict=True)),
            head_vector=vector_literal(zip(WEIGHTS, [*sections[:3], []], strict=True)),
        )
    headline_words, lead, names_words, body_words = (
        f" {' '.join(section)} " if section else "" for section in sections
    )
    return SearchDocument(headline=headline_words, lead=lead, names=names_words, body=body_words)


def document_for(article):
    """The document of a saved article whose courts and credits are prefetched or fetched. Only
    the names readers may see are words of it."""
    courts = [court for court in article.courts.all() if not court.needs_review]
    contributors = [
        credit.contributor.name for credit in article.credits.all() if credit.contributor.is_shown
    ]
    document = build_document(
        **{field: getattr(article, field) for field in INDEXED_FIELDS},
        names=[*contributors, *(name for court in courts for name in court_names(court))],
    )
    document.article_id = article.pk
    return document


def save_documents(documents):
    """Insert or replace documents, in one statement per batch."""
    SearchDocument.objects.bulk_create(
        documents,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=DOCUMENT_FIELDS,
    )


def articles_to_index():
    """Articles with what their documents need, fetched in as few queries as possible."""
    return Article.objects.only("pk", *INDEXED_FIELDS).prefetch_related(
        Prefetch(
            "courts", queryset=Court.objects.only("name", "short_name", "aliases", "needs_review")
        ),
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related("contributor").only(
                "article_id",
                "contributor__name",
                "contributor__is_active",
                "contributor__needs_review",
            ),
        ),
    )


def index_articles(article_ids, batch_size=BATCH_SIZE):
    """Rebuild the documents of ``article_ids``; return how many were written."""
    article_ids = list(article_ids)
    if article_ids:
        segmenter.refresh()  # cut as every other process will cut the queries
    written = 0
    for start in range(0, len(article_ids), batch_size):
        chunk = article_ids[start : start + batch_size]
        documents = [document_for(article) for article in articles_to_index().filter(pk__in=chunk)]
        save_documents(documents)
        written += len(documents)
    return written


# Signals. Each handler rebuilds what changed; none of them runs while paused() (bulk work).


def _article_saved(sender, instance, update_fields=None, **kwargs):
    # A workflow transition writes status and times only: the words have not changed.
    if update_fields is not None and not INDEXED_FIELDS.intersection(update_fields):
        return
    index_articles([instance.pk])


def _courts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._search_cleared = list(instance.articles.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index_articles([instance.pk])
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_cleared", []))
    else:
        index_articles(pk_set or [])


def _credit_saved(sender, instance, **kwargs):
    index_articles([instance.article_id])


def _deleting_articles(origin):
    if isinstance(origin, QuerySet):
        return origin.model is Article
    return isinstance(origin, Article)


def _credit_deleted(sender, instance, origin=None, **kwargs):
    if not _deleting_articles(origin):  # the article and its document go too
        index_articles([instance.article_id])


def _names_of(instance):
    if isinstance(instance, Court):
        return (instance.name, instance.short_name, instance.aliases, instance.needs_review)
    return (instance.name, instance.is_active, instance.needs_review)


def _remember_names(sender, instance, raw=False, **kwargs):
    instance._search_names = None
    if instance.pk and not raw:
        stored = sender.objects.filter(pk=instance.pk).first()
        instance._search_names = _names_of(stored) if stored else None


def _words_changed(using=None, **kwargs):
    """A court's or contributor's names changed: the dictionary's words, here and everywhere."""
    segmenter.invalidate()
    transaction.on_commit(bump_dictionary_version, using=using)


def _names_saved(instance, created, using):
    """
    A court or contributor saved: if it is new, renamed or loaded raw, the dictionary's words
    change. Returns whether an existing one was renamed (its articles' documents change).
    """
    before = getattr(instance, "_search_names", None)
    changed = created or before is None or before != _names_of(instance)
    if changed:
        _words_changed(using)
    return changed and not created and before is not None


def _court_saved(sender, instance, created, using=None, **kwargs):
    if _names_saved(instance, created, using):
        index_articles(instance.articles.values_list("pk", flat=True))


def _contributor_saved(sender, instance, created, using=None, **kwargs):
    if _names_saved(instance, created, using):
        credited = Credit.objects.filter(contributor=instance).values_list("article_id", flat=True)
        index_articles(set(credited))


def _court_deleting(sender, instance, **kwargs):
    # The links to its articles go without a signal of their own (a fast delete).
    instance._search_articles = list(instance.articles.values_list("pk", flat=True))


def _court_deleted(sender, instance, using=None, **kwargs):
    _words_changed(using)
    index_articles(getattr(instance, "_search_articles", []))


_RECEIVERS = [
    (post_save, _article_saved, Article),
    (m2m_changed, _courts_changed, Article.courts.through),
    (post_save, _credit_saved, Credit),
    (post_delete, _credit_deleted, Credit),
    (pre_save, _remember_names, Court),
    (post_save, _court_saved, Court),
    (pre_save, _remember_names, Contributor),
    (post_save, _contributor_saved, Contributor),
    (pre_delete, _court_deleting, Court),
    (post_delete, _court_deleted, Court),
    (post_delete, _words_changed, Contributor),
]


def connect():
    for signal, receiver, sender in _RECEIVERS:
        signal.connect(receiver, sender=sender, dispatch_uid=f"search:{receiver.__name__}")


def disconnect():
    for signal, receiver, sender in _RECEIVERS:
        signal.disconnect(receiver, sender=sender, dispatch_uid=f"search:{receiver.__name__}")


@contextmanager
def index_built_after(large=True):
    """
    Around a large bulk load inside a transaction on PostgreSQL: the GIN index is dropped and
    built once at the end, several times faster than updating it for every new document. (If the
    load fails, the transaction's rollback brings the index back.)
    """
    if not (large and is_postgresql(connection) and connection.in_atomic_block):
        yield
        return
    index = next(index for index in SearchDocument._meta.indexes if index.name == VECTOR_INDEX)
    with connection.schema_editor() as editor:
        editor.remove_index(SearchDocument, index)
    yield
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit; an index cannot be built with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        editor.add_index(SearchDocument, index)


@contextmanager
def paused():
    """No document updates inside (bulk work that writes documents itself, or flushes)."""
    disconnect()
    try:
        yield
    finally:
        connect()
