"""
Who may move an article or an edition from one state to another: the one place that says so.

    draft ──submit──▶ review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                 │   (now or at a set time)                    │
      ├──take back──────┤                                             │
      └──send back──────┴───────────────(with a note)─────────────────┘

Correspondents write their own articles while they are drafts and submit them; what an editor
reviews is what gets published, so to change a submitted article its author takes it back to a
draft first. Editors (anyone holding ``articles.publish_article``) do everything else, and edit
in any state. Publishing at a future time needs no scheduler: the public site shows only what
``published()`` finds due, so visibility follows the clock.

Every transition is saved in a version (django-reversion) and in the admin log with who and when.
The admin's buttons and list actions call ``apply()``; nothing else changes a status.
"""

from dataclasses import dataclass

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Article, Issue, Status

PUBLISH_ARTICLE = "articles.publish_article"
PUBLISH_ISSUE = "articles.publish_issue"

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
            "take_back",
            _("Take back to edit"),
            frozenset({Status.REVIEW}),
            Status.DRAFT,
            "articles.change_article",
            _("Taken back by the author to edit"),
            by_author=True,
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.WITHDRAWN}),
            Status.PUBLISHED,
            PUBLISH_ARTICLE,
            _("Published"),
        ),
        Transition(
            "send_back",
            _("Send back to the author"),
            frozenset({Status.REVIEW, Status.WITHDRAWN}),
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
            _("Publish the edition and its ready articles"),
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
        fields += ["submitted_at", "submitted_by", "review_note"]
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
        if not transition.by_author and not can_edit(user, obj):
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


def apply(user, obj, name, *, at=None, note=""):
    """Make transition ``name`` on an article or edition, or raise TransitionRefused.

    ``at`` is the publication time (default: the time already set on the object, else now); a
    future time schedules it. ``note`` is the review note a send-back requires.
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
        obj.status = transition.target
        obj.updated_by = user
        if transition.target == Status.PUBLISHED:
            obj.publish_at = at or obj.publish_at or now
        if isinstance(obj, Article):
            if name == "submit":
                obj.submitted_at, obj.submitted_by = now, user
            elif name == "send_back":
                obj.review_note = note.strip()
            elif name == "publish":
                obj.review_note = ""
        _save_logged(user, obj, transition, note)
        if isinstance(obj, Issue) and name == "publish":
            # The edition's ready articles go out with it, at the same time, in one step.
            for article in obj.articles.filter(status=Status.REVIEW).order_by("position", "pk"):
                apply(user, article, "publish", at=obj.publish_at)
                also_published.append(article)
    return also_published


def describe(obj, transition, note=""):
    """The log line for a transition, e.g. 'Published (scheduled for 2025-07-01 08:00)'."""
    message = str(transition.done)
    if transition.target == Status.PUBLISHED and obj.publish_at > timezone.now():
        when = timezone.localtime(obj.publish_at).strftime("%Y-%m-%d %H:%M")
        message = gettext("%(done)s (scheduled for %(when)s)") % {"done": message, "when": when}
    if note:
        message = f"{message}: {note.strip()}"
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
