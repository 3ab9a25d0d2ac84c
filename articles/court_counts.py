"""How many public articles each court has, counting the courts below it: the court directory,
a court's page and the home page show it. Articles' business, not the court tree's (courts/).

Counting a subtree over the whole archive costs a pass over every article's court links, so the
counts are kept: a court's tally (CourtTally) is the articles about it or any court below it that
are published, on a published edition or on none, *whatever their publish time*. What readers
see is the tally less the few of those whose time has not come (scheduled articles and articles
on scheduled editions, found on two indexes when the counts are read): a publish time that passes
by the clock changes no stored row, and needs none changed.

Each tallied article has a TallyEntry row per court it is counted for. ``refresh(articles)``
recounts those articles alone: it takes their rows away (and their counts with them, whatever
the articles were when the rows were made), works out their rows from the articles as they are
now, and adds those. So it is right after any change, however made, as long as it is told which
articles changed. The signals below tell it at once (deletes excepted: a delete of many articles
is recounted in one go; so is a recount that would wait for another transaction's locks) and
once more when the transaction commits, from the rows as they are then: what the transaction
did without a signal after one (a queryset update, as restoring a version does) is counted too.
What sends no signal at all (bulk loads, a queryset update on its own, SQL) calls ``refresh`` or
``rebuild`` itself, as generate_demo does;
``manage.py rebuild_court_tallies`` rebuilds them.
"""

from django.apps import apps as installed_apps
from django.db import OperationalError, models, router, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from courts.models import PATH_STEP, Court
from newsroom.generation import bump_content_generation, cached_value

from .models import Article, CourtTally, Issue, Status, TallyEntry

BATCH_SIZE = 5000
# The first key of the recounts' advisory locks on PostgreSQL (the second is the article's).
ADVISORY_LOCK_SPACE = 0x7A11
# How long a recount inside a transaction waits for another's locks before it leaves the
# recount to the transaction's commit.
WAIT_IN_TRANSACTION = "200ms"
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's error code for a lock timeout


def counted(courts, name):
    """
    The courts of the queryset ``courts``, evaluated, each with ``article_count``: the public
    articles about the court or any court below it. Their tallies come with them; the articles
    of theirs not yet due come from the data cache while the content is unchanged and nothing
    scheduled has come due, so a warm page runs one plain query. ``name`` says which courts
    these are (e.g. "cities"), for the cache.
    """
    courts = list(courts.annotate(tallied=Coalesce("article_tally__articles", 0)))
    later = cached_value(f"court-articles-not-yet-due:{name}", lambda: not_yet_due(courts))
    for court in courts:
        court.article_count = court.tallied - later.get(court.pk, 0)
    return courts


def public_counts(courts, now=None):
    """{court pk: public articles about the court or any court below it}, for ``courts``: their
    tallies (one query) less their articles not yet due (one more)."""
    tallies = dict(
        CourtTally.objects.filter(court__in=[court.pk for court in courts]).values_list(
            "court_id", "articles"
        )
    )
    later = not_yet_due(courts, now)
    return {court.pk: tallies.get(court.pk, 0) - later.get(court.pk, 0) for court in courts}


def not_yet_due(courts, now=None):
    """
    {court pk: tallied articles about the court or any court below it whose time has not come},
    for ``courts``, in one query: the links of the articles published for later, and of those on
    an edition published for later (each found on its status and publish time index, not in a
    pass over the archive).
    """
    now = now or timezone.now()
    scheduled = Issue.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).values("pk")
    links = Article.courts.through.objects.order_by().values_list("article_id", "court__path")
    pairs = links.filter(
        article__in=tallied(Article.objects.filter(publish_at__gt=now)).values("pk")
    ).union(links.filter(article__in=tallied(Article.objects.filter(issue__in=scheduled))))
    by_path = {}
    for article_id, path in pairs:
        by_path.setdefault(path, set()).add(article_id)
    counts = {}
    for court in courts:
        under = [ids for path, ids in by_path.items() if path.startswith(court.path)]
        if under:
            counts[court.pk] = len(set().union(*under))
    return counts


def subtree_counts(courts, now=None):
    """
    {court pk: public articles about the court or any court below it}, counted over the whole
    archive (one grouped query per depth among ``courts``): the definition public_counts keeps
    to, for checking it.
    """
    links = Article.courts.through.objects.filter(
        article__in=Article.objects.published(now).values("pk")
    )
    counts = {}
    for length in sorted({len(court.path) for court in courts}):
        rows = (
            links.annotate(subtree=models.functions.Substr("court__path", 1, length))
            .values("subtree")
            .annotate(n=models.Count("article_id", distinct=True))
            .order_by()
        )
        by_path = {row["subtree"]: row["n"] for row in rows}
        for court in courts:
            if len(court.path) == length:
                counts[court.pk] = by_path.get(court.path, 0)
    return counts


# --- Keeping the tallies ---------------------------------------------------------------------


def tallied(articles):
    """The articles of ``articles`` a tally counts: published, on a published edition or on
    none, whatever the publish time."""
    return articles.filter(status=Status.PUBLISHED).filter(
        Q(issue__isnull=True) | Q(issue__status=Status.PUBLISHED)
    )


def _entries(links, paths):
    """{(article pk, court pk)} for ``links`` ((article pk, court path) pairs): each court on
    the way down to a linked court, the linked court included, once per article."""
    step = PATH_STEP + 1
    entries = set()
    for article_id, path in links:
        for end in range(1 + step, len(path) + 1, step):
            court_id = paths.get(path[:end])
            if court_id is not None:
                entries.add((article_id, court_id))
    return entries


def _add(counts, deltas, sign):
    for court_id, n in counts:
        deltas[court_id] = deltas.get(court_id, 0) + sign * n


def _apply(deltas, courts):
    """Add ``deltas`` ({court pk: change}) to the tallies of the courts that exist: one
    statement, taking the rows' locks in one order whoever runs it."""
    deltas = {pk: n for pk, n in sorted(deltas.items()) if n and pk in courts}
    if not deltas:
        return False
    CourtTally.objects.bulk_create(
        [CourtTally(court_id=pk) for pk in deltas], ignore_conflicts=True
    )
    change = models.Case(
        *(models.When(court_id=pk, then=models.Value(n)) for pk, n in deltas.items()),
        output_field=models.IntegerField(),
    )
    CourtTally.objects.filter(court_id__in=deltas).update(articles=models.F("articles") + change)
    return True


@transaction.atomic
def refresh(article_ids):
    """Recount the articles ``article_ids`` (deleted ones included) in the tallies; returns
    whether a tally changed."""
    ids = sorted(set(article_ids))
    changed = False
    for start in range(0, len(ids), BATCH_SIZE):
        changed |= _refresh(ids[start : start + BATCH_SIZE])
    return changed


def _take_turns(ids):
    """Two transactions recounting the same article take turns. On PostgreSQL with a lock of
    the recount's own (an advisory lock per article, taken in one order), not the article's row:
    a recount waiting for tallies while holding an article that the transaction holding those
    tallies saves next would deadlock. (Two articles sharing a lock only take turns too.)"""
    connection = transaction.get_connection(router.db_for_write(Article))
    if connection.vendor != "postgresql":
        list(
            Article.objects.select_for_update().filter(pk__in=ids).values_list("pk").order_by("pk")
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, turn.key) FROM (SELECT DISTINCT "
            "(id %% 2147483647)::integer AS key FROM unnest(%s::bigint[]) AS id ORDER BY key) "
            "AS turn",
            [ADVISORY_LOCK_SPACE, ids],
        )


def _refresh(ids):
    _take_turns(ids)
    paths = dict(Court.objects.values_list("path", "pk"))
    old = TallyEntry.objects.filter(article_id__in=ids)
    deltas = {}
    _add(old.values_list("court_id").annotate(n=models.Count("pk")).order_by(), deltas, -1)
    links = Article.courts.through.objects.filter(
        article__in=tallied(Article.objects.filter(pk__in=ids)).values("pk")
    ).values_list("article_id", "court__path")
    new = _entries(links, paths)
    old.delete()
    TallyEntry.objects.bulk_create(
        [TallyEntry(article_id=a, court_id=c) for a, c in new], batch_size=BATCH_SIZE
    )
    _add(_per_court(new).items(), deltas, 1)
    return _apply(deltas, set(paths.values()))


def _per_court(entries):
    counts = {}
    for _, court_id in entries:
        counts[court_id] = counts.get(court_id, 0) + 1
    return counts


def rebuild(apps=installed_apps):
    """Count every article again, from nothing (after a bulk load, or in a migration with its
    ``apps``)."""
    article = apps.get_model("articles", "Article")
    court = apps.get_model("courts", "Court")
    tally = apps.get_model("articles", "CourtTally")
    entry = apps.get_model("articles", "TallyEntry")
    with transaction.atomic(using=router.db_for_write(tally)):
        entry.objects.all().delete()
        tally.objects.all().delete()
        paths = dict(court.objects.values_list("path", "pk"))
        eligible = article.objects.filter(status=Status.PUBLISHED).filter(
            Q(issue__isnull=True) | Q(issue__status=Status.PUBLISHED)
        )
        links = article.courts.through.objects.filter(article__in=eligible.values("pk"))
        entries = _entries(links.values_list("article_id", "court__path").iterator(), paths)
        entry.objects.bulk_create(
            (entry(article_id=a, court_id=c) for a, c in entries), batch_size=BATCH_SIZE
        )
        tally.objects.bulk_create(
            [tally(court_id=pk, articles=n) for pk, n in _per_court(entries).items()],
            batch_size=BATCH_SIZE,
        )


# --- What tells it which articles changed ------------------------------------------------------


class _Pending:
    """The articles, editions and courts a transaction changed, recounted once more when it
    commits, from the rows as they are then: what the transaction did after a signal (a queryset
    update, a court's subtree moved along) is counted too."""

    def __init__(self):
        self.articles, self.issues, self.courts = set(), set(), set()
        self.left = False  # a recount at once would have waited: the rest wait for the commit

    def run(self):
        # Registered robust: the transaction has committed, so a recount that fails (a
        # deadlock, the database gone) is logged, and the rest of the commit's work (the
        # notification mails, the content generation) is done all the same.
        if refresh(_articles_of(self.articles, self.issues, self.courts)):
            # A page rendered between the commit and this recount showed the old counts.
            bump_content_generation()


def _articles_of(articles=(), issues=(), courts=()):
    """The articles changed with ``articles``, those of the editions ``issues`` and those
    counted for, or linked to a court at or below, each of ``courts``."""
    ids = set(articles)
    if issues:
        ids.update(Article.objects.filter(issue__in=issues).values_list("pk", flat=True))
    for court_id in courts:
        ids.update(
            TallyEntry.objects.filter(court_id=court_id).values_list("article_id", flat=True)
        )
        path = Court.objects.filter(pk=court_id).values_list("path", flat=True).first()
        if path:
            links = Article.courts.through.objects.filter(court__path__startswith=path)
            ids.update(links.values_list("article_id", flat=True))
    return ids


def _pending(using):
    """The _Pending of the transaction (or savepoint) open on ``using``, registered to run when
    it commits: one per savepoint, as a savepoint rolled back takes its callbacks away. (Found
    where it was registered, not by a search of every callback: a delete of many rows
    registers many.)"""
    connection = transaction.get_connection(using)
    sids = set(connection.savepoint_ids)
    index, pending = getattr(connection, "court_tally_pending", (None, None))
    callbacks = connection.run_on_commit
    if (
        index is not None
        and index < len(callbacks)
        and callbacks[index][:2] == (sids, getattr(pending, "run", None))
    ):
        return pending
    pending = _Pending()
    transaction.on_commit(pending.run, using=using, robust=True)
    connection.court_tally_pending = (len(callbacks) - 1, pending)
    return pending


def _changed(model, using, articles=(), issues=(), courts=(), at_once=True):
    """Recount at once (what the transaction itself reads next is right), unless ``at_once`` is
    false or a recount in this transaction was left to its commit already (it would wait for
    another transaction), and when the transaction commits."""
    using = using or router.db_for_write(model)
    if not transaction.get_connection(using).in_atomic_block:
        refresh(_articles_of(articles, issues, courts))
        return
    pending = _pending(using)
    if at_once and not pending.left:
        pending.left = not _refresh_unless_waiting(_articles_of(articles, issues, courts), using)
    pending.articles.update(articles)
    pending.issues.update(issues)
    pending.courts.update(courts)


def _refresh_unless_waiting(article_ids, using):
    """
    Recount at once, inside a transaction, unless that means waiting for another transaction:
    it is left to the recount when this one commits. A transaction holds the tally rows it
    changed until it commits; one waiting for them while holding something the other needs
    next (an article both save) would deadlock, so inside a transaction a recount never waits
    long (on PostgreSQL: a lock timeout, the shorter of WAIT_IN_TRANSACTION and the session's
    own, in a savepoint that takes the attempt back). Returns whether it recounted.
    """
    connection = transaction.get_connection(using)
    if connection.vendor != "postgresql":
        refresh(article_ids)
        return True
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', CASE WHEN "
                "current_setting('lock_timeout') <> '0' AND current_setting('lock_timeout')"
                "::interval < %s::interval THEN current_setting('lock_timeout') ELSE %s END, true)",
                [WAIT_IN_TRANSACTION, WAIT_IN_TRANSACTION],
            )
            before = cursor.fetchone()[0]
            refresh(article_ids)
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        return False
    return True


def _article_changed(sender, instance, using=None, **kwargs):
    _changed(Article, using, articles=[instance.pk])


def _article_deleted(sender, instance, using=None, **kwargs):
    # Deleting many articles sends this for each: they are recounted together on commit.
    _changed(Article, using, articles=[instance.pk], at_once=False)


def _issue_changed(sender, instance, using=None, **kwargs):
    _changed(Issue, using, issues=[instance.pk])


def _links_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    if not reverse:  # an article's courts
        if action in ("post_add", "post_remove", "post_clear"):
            _changed(Article, using, articles=[instance.pk])
    elif action == "pre_clear":  # a court's articles: which ones, before the links go
        instance._tally_cleared = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        _changed(Article, using, articles=getattr(instance, "_tally_cleared", ()))
    elif action in ("post_add", "post_remove"):
        _changed(Article, using, articles=pk_set or ())


def _court_saved(sender, instance, created=False, raw=False, using=None, **kwargs):
    # A new court has no articles yet; a court moved below another takes its subtree along
    # (Court.save has moved it already, and says from where).
    if created or raw:
        return
    if getattr(instance, "path_before_save", instance.path) != instance.path:
        _changed(Court, using, courts=[instance.pk])


def _court_deleted(sender, instance, using=None, **kwargs):
    _changed(Court, using, courts=[instance.pk])


def connect():
    uid = "articles.court_counts"
    post_save.connect(_article_changed, sender=Article, dispatch_uid=f"{uid}:article")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=f"{uid}:article-delete")
    # (An edition with articles cannot be deleted: deleting one changes no count.)
    post_save.connect(_issue_changed, sender=Issue, dispatch_uid=f"{uid}:issue")
    m2m_changed.connect(_links_changed, sender=Article.courts.through, dispatch_uid=f"{uid}:links")
    post_save.connect(_court_saved, sender=Court, dispatch_uid=f"{uid}:court")
    post_delete.connect(_court_deleted, sender=Court, dispatch_uid=f"{uid}:court-delete")
