"""
Who may move an article or an edition from one state to another: the one place that says so.

                      ┌──forward (comment)──┐
                      │                     ▼
    draft ──submit──▶ city_review      review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲   └─submit (other courts)─────────▶ │ (now or at a set time)                  │
      ├──take back────┴─────────────────────┤                                         │
      └──send back (with a note)────────────┴─────────────────────────────────────────┘

A correspondent of a basic court submits to the reviewers of their city court (``city_review``)
when the city has an active reviewer (a holder of ``articles.review_for_city`` whose court is
that city court); every other submission goes to the editors (``review``) at once. A city
reviewer forwards what comes from their city's courts to the editors, with an optional comment,
or sends it back with a note; they edit nothing and publish nothing.

Correspondents write their own articles, and those of the other correspondents of their court,
while they are drafts, and submit them; what an editor reviews is what gets published, so to
change a submitted article its author takes it back to a draft first. Editors (anyone holding
``articles.publish_article``) do everything else, and edit in any state. Publishing at a future
time needs no scheduler: the public site shows only what ``published()`` finds due, so
visibility follows the clock.

Every transition is saved in a version (django-reversion), in the admin log and as a
WorkflowStep (who, when, the court the piece came from), and announced with ``step_taken`` (the
e-mail notices listen to it). The admin's buttons and list actions call ``apply()``; nothing else
changes a status.
"""

from dataclasses import dataclass

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.dispatch import Signal
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courts.models import Court

from .models import Article, Contributor, Issue, Status, WorkflowStep

PUBLISH_ARTICLE = "articles.publish_article"
PUBLISH_ISSUE = "articles.publish_issue"
REVIEW_FOR_CITY = "articles.review_for_city"

# Sent inside apply()'s transaction after each step, with ``user``, ``obj``, ``transition``,
# ``note`` and ``step`` (the WorkflowStep, None for an edition). A receiver that does something
# outside the database (a mail) defers it with transaction.on_commit.
step_taken = Signal()

# States in which an article's own author (not an editor) may change it.
AUTHOR_EDITABLE = frozenset({Status.DRAFT})


class TransitionRefused(PermissionDenied):
    """A transition that this user may not make on this object now; the message says why."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset
    target: str
    permission: str
    done: Promise  # past tense, for messages and the log
    needs_note: bool = False
    by_author: bool = False  # the article's author makes it, on an article they cannot edit
    by_reviewer: bool = False  # a city reviewer makes it, on a piece from their city's courts


ARTICLE_TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            _("Submit for review"),
            frozenset({Status.DRAFT}),
            Status.REVIEW,
            "articles.change_article",
            _("Submitted for review"),
        ),
        Transition(
            "forward",
            _("Forward to the editors"),
            frozenset({Status.CITY_REVIEW}),
            Status.REVIEW,
            REVIEW_FOR_CITY,
            _("Forwarded to the editors by the city court"),
            by_reviewer=True,
        ),
        Transition(
            "city_send_back",
            _("Send back to the author"),
            frozenset({Status.CITY_REVIEW}),
            Status.DRAFT,
            REVIEW_FOR_CITY,
            _("Sent back to the author by the city court"),
            needs_note=True,
            by_reviewer=True,
        ),
        Transition(
            "take_back",
            _("Take back to edit"),
            frozenset({Status.CITY_REVIEW, Status.REVIEW}),
            Status.DRAFT,
            "articles.change_article",
            _("Taken back by the author to edit"),
            by_author=True,
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({Status.DRAFT, Status.CITY_REVIEW, Status.REVIEW, Status.WITHDRAWN}),
            Status.PUBLISHED,
            PUBLISH_ARTICLE,
            _("Published"),
        ),
        Transition(
            "send_back",
            _("Send back to the author"),
            frozenset({Status.CITY_REVIEW, Status.REVIEW, Status.WITHDRAWN}),
            Status.DRAFT,
            PUBLISH_ARTICLE,
            _("Sent back to the author"),
            needs_note=True,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            PUBLISH_ARTICLE,
            _("Withdrawn"),
        ),
    ]
}

ISSUE_TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "publish",
            _("Publish the edition and its articles"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.WITHDRAWN}),
            Status.PUBLISHED,
            PUBLISH_ISSUE,
            _("Published"),
        ),
        Transition(
            "withdraw",
            _("Withdraw the edition"),
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            PUBLISH_ISSUE,
            _("Withdrawn"),
        ),
    ]
}


# Rules a piece must pass to go public, added by the apps that make them (privacy's
# AppConfig.ready()): each takes the article, with its text as it is now, and returns why it may
# not go public, or None. ``apply()`` runs them on every step that publishes or schedules.
publish_checks = []


def publish_refusal(article):
    """Why ``article``'s text may not go public now, or None (see ``publish_checks``)."""
    for check in publish_checks:
        reason = check(article)
        if reason:
            return reason
    return None


# --- Who is who -------------------------------------------------------------------------------


def is_editor(user):
    """Sees, edits, publishes and withdraws every article."""
    return user.is_active and user.is_staff and user.has_perm(PUBLISH_ARTICLE)


def court_of(user):
    """The court a signed-in person works at: their contributor's, or None."""
    if user is None or user.pk is None:
        return None
    contributor = Contributor.objects.filter(user=user).select_related("court").first()
    return contributor.court if contributor else None


def reviewer_city(user):
    """The city court whose submissions ``user`` reviews, or None: a holder of the reviewers'
    permission (not an editor) whose court is an intermediate court."""
    if not (user.is_active and user.is_staff and user.has_perm(REVIEW_FOR_CITY)):
        return None
    if is_editor(user):
        return None
    court = court_of(user)
    return court if court is not None and court.level == Court.Level.INTERMEDIATE else None


def city_of(court):
    """The city (intermediate) court above a basic court, or None."""
    if court is None or court.level != Court.Level.BASIC:
        return None
    return (
        Court.objects.cities()
        .filter(pk__in=[int(part) for part in court.path.strip("/").split("/")])
        .exclude(pk=court.pk)
        .first()
    )


def reviewers_of(city):
    """The active reviewers of a city court."""
    if city is None:
        return get_user_model().objects.none()
    app_label, codename = REVIEW_FOR_CITY.split(".")
    permission = Q(content_type__app_label=app_label, codename=codename)
    from django.contrib.auth.models import Permission

    holders = Permission.objects.filter(permission)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, contributor__court=city)
        .filter(Q(groups__permissions__in=holders) | Q(user_permissions__in=holders))
        .exclude(is_superuser=True)
        .distinct()
    )


def reviewing_city(court):
    """The city court that reviews what ``court``'s correspondents submit, or None (the
    editors review it): a basic court's city, while that city has an active reviewer."""
    city = city_of(court)
    if city is not None and reviewers_of(city).exists():
        return city
    return None


def in_city(article, city):
    """Whether the article was submitted from a court of the city's subtree."""
    court = article.submitted_from
    return court is not None and city is not None and court.path.startswith(city.path)


def owns(user, article):
    """The article is the user's own (see ArticleQuerySet.owned_by)."""
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return Article.objects.owned_by(user).filter(pk=article.pk).exists()


def can_view(user, article):
    """Whether ``user`` may see this saved article in the admin: the rule of visible_to()."""
    return Article.objects.visible_to(user).filter(pk=article.pk).exists()


def can_edit(user, article):
    """Editors edit any article; an author edits their own while it is a draft."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    if is_editor(user):
        return True
    return owns(user, article) and article.status in AUTHOR_EDITABLE


# --- Transitions ------------------------------------------------------------------------------


def state_fields(model):
    """Where an article or edition stands: the fields transitions write. A restore of an
    earlier version leaves them as they are (GuardedVersionAdmin.kept_on_restore)."""
    fields = ["status", "publish_at"]
    if issubclass(model, Article):
        fields += [
            "submitted_at",
            "submitted_by",
            "submitted_from",
            "review_note",
            "forwarded_at",
            "forwarded_by",
            "forward_comment",
        ]
    return fields


def _transitions_for(obj):
    return ISSUE_TRANSITIONS if isinstance(obj, Issue) else ARTICLE_TRANSITIONS


def refusal(user, obj, name):
    """Why ``user`` may not make transition ``name`` on ``obj`` now, or None if they may."""
    transition = _transitions_for(obj).get(name)
    if transition is None:
        return gettext("There is no such step.")
    if not (user.is_active and user.is_staff and user.has_perm(transition.permission)):
        return gettext("You may not do this: %(step)s.") % {"step": transition.label}
    if isinstance(obj, Article):
        if transition.by_author and not owns(user, obj):
            return gettext("Only the article's author may do this.")
        if transition.by_reviewer and not in_city(obj, reviewer_city(user)):
            return gettext("Only a reviewer of the city court it came from may do this.")
        if not (transition.by_author or transition.by_reviewer) and not can_edit(user, obj):
            return gettext("You may not change this article.")
    if obj.status not in transition.sources:
        return gettext("“%(step)s” is not possible for something that is %(status)s.") % {
            "step": transition.label,
            "status": obj.get_status_display(),
        }
    return None


def allowed(user, obj):
    """The transitions ``user`` may make on ``obj`` now, in display order."""
    return [t for t in _transitions_for(obj).values() if refusal(user, obj, t.name) is None]


def default_publish_time(obj, now):
    """When readers see what is published with no time set: a printed edition, and an article of
    one, from its date's morning (Issue.print_time), so that a back issue is dated by its print
    date, not the day it went online; a web-only article from now."""
    if isinstance(obj, Issue):
        return obj.print_time
    if obj.issue_id:
        return obj.issue.print_time
    return now


def apply(user, obj, name, *, at=None, note="", with_drafts=False):
    """Make transition ``name`` on an article or edition, or raise TransitionRefused.

    ``at`` is the publication time (default: the time already set on the object, else
    default_publish_time()); a future time schedules it. ``note`` is the review note a send-back
    requires, or the city court's comment when forwarding. Publishing an edition publishes its
    articles waiting for review with it, and with ``with_drafts`` (the editor confirmed it) its
    drafts too, each through this same step.
    Returns the articles published along with an edition (empty for an article).
    """
    transition = _transitions_for(obj).get(name)
    if transition is not None and transition.needs_note and not note.strip():
        raise TransitionRefused(gettext("Write a note that tells the author what to change."))

    now = timezone.now()
    also_published = []
    with transaction.atomic():
        # Decide on the stored row, locked, not on what the caller happened to load.
        if obj.pk is not None:
            type(obj).objects.select_for_update().filter(pk=obj.pk).exists()
            obj.refresh_from_db()
        reason = refusal(user, obj, name)
        if not reason and isinstance(obj, Article) and transition.target == Status.PUBLISHED:
            reason = publish_refusal(obj)
        if reason:
            raise TransitionRefused(reason)
        from_status = obj.status
        obj.status = transition.target
        obj.updated_by = user
        if transition.target == Status.PUBLISHED:
            obj.publish_at = at or obj.publish_at or default_publish_time(obj, now)
        step = None
        if isinstance(obj, Article):
            if name == "submit":
                obj.submitted_at, obj.submitted_by = now, user
                obj.submitted_from = court_of(user)
                obj.forwarded_at, obj.forwarded_by, obj.forward_comment = None, None, ""
                if reviewing_city(obj.submitted_from) is not None:
                    obj.status = Status.CITY_REVIEW
            elif name == "forward":
                obj.forwarded_at, obj.forwarded_by = now, user
                obj.forward_comment = note.strip()
            elif name in ("send_back", "city_send_back"):
                obj.review_note = note.strip()
            elif name == "publish":
                obj.review_note = ""
                keep_credited_courts(obj)
        _save_logged(user, obj, transition, note)
        if isinstance(obj, Article):
            step = WorkflowStep.objects.create(
                article=obj,
                name=name,
                from_status=from_status,
                to_status=obj.status,
                by=user,
                by_court=court_of(user),
                court=obj.submitted_from,
                at=now,
                publish_at=obj.publish_at if obj.status == Status.PUBLISHED else None,
                note=note.strip(),
            )
        step_taken.send(
            sender=type(obj), user=user, obj=obj, transition=transition, note=note, step=step
        )
        if isinstance(obj, Issue) and name == "publish":
            # The edition's ready articles go out with it, at the same time, in one step.
            for article in articles_going_with(obj, with_drafts):
                apply(user, article, "publish", at=obj.publish_at)
                also_published.append(article)
    return also_published


def articles_going_with(issue, with_drafts=False):
    """The articles that publishing ``issue`` publishes too, in print order."""
    statuses = [Status.REVIEW, Status.DRAFT] if with_drafts else [Status.REVIEW]
    return issue.articles.filter(status__in=statuses).order_by("position", "pk")


def keep_credited_courts(article):
    """Each credit keeps its contributor's court as it is when the article is published: the
    statistics count a piece for the court its people worked at then, whoever moves later."""
    article.credits.update(
        court=Subquery(Contributor.objects.filter(pk=OuterRef("contributor")).values("court")[:1])
    )


def describe(obj, transition, note=""):
    """The log line for a transition, e.g. 'Published (scheduled for 2025-07-01 08:00)'."""
    message = str(transition.done)
    if transition.name == "submit" and obj.status == Status.CITY_REVIEW:
        message = gettext("Submitted to the city court's review")
    if transition.target == Status.PUBLISHED and obj.publish_at > timezone.now():
        when = timezone.localtime(obj.publish_at).strftime("%Y-%m-%d %H:%M")
        message = gettext("%(done)s (scheduled for %(when)s)") % {"done": message, "when": when}
    if note:
        message = gettext("%(done)s: %(note)s") % {"done": message, "note": note.strip()}
    return message


def _save_logged(user, obj, transition, note):
    message = describe(obj, transition, note)
    # Only the workflow's own fields: a transition never writes over the text.
    fields = [*state_fields(type(obj)), "updated_by", "updated_at"]
    if reversion.is_active():
        # Inside the admin's own revision (a change form or a list action).
        obj.save(update_fields=fields)
        reversion.set_comment(message)
    else:
        with reversion.create_revision():
            obj.save(update_fields=fields)
            reversion.set_user(user)
            reversion.set_comment(message)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )
