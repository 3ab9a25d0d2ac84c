"""The checker (checks.py) applied to articles: their text, the editors' lists, dismissals and
overrides, the gate to public (registered in articles.workflow.publish_checks) and the one-click
fixes. Every fix, dismissal and override is a version of the article (django-reversion) and an
admin log entry, with who and when."""

import threading
import time

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Photo

from . import checks
from .models import Dismissal, ListEntry, Override

KIND_LABELS = {
    checks.ID_NUMBER: _("resident ID number"),
    checks.BANK_CARD: _("bank card number"),
    checks.MOBILE: _("mobile number"),
    checks.LANDLINE: _("landline number"),
    checks.EMAIL: _("e-mail address"),
    checks.PLATE: _("licence plate"),
    checks.ADDRESS: _("home address"),
    checks.MINOR_NAME: _("full name beside a minor"),
    checks.PARTY_NAME: _("full name of a victim, witness or family-case party"),
}
SEVERITY_LABELS = {checks.MUST_FIX: _("must fix"), checks.LOOK_AGAIN: _("look again")}
FIELD_LABELS = {
    "kicker": _("kicker"),
    "headline": _("headline"),
    "subtitle": _("subtitle"),
    "summary": _("summary"),
    "body": _("body"),
}
TEXT_FIELDS = ("kicker", "headline", "subtitle", "summary", "body")

# --- The editors' lists ------------------------------------------------------------------------

_lists = threading.local()
_generation = [0]
LISTS_LIFETIME = 10  # seconds a process keeps the lists before reading them again


def _bump(**kwargs):
    _generation[0] += 1


def connect():
    post_save.connect(_bump, sender=ListEntry, dispatch_uid="privacy_lists_saved")
    post_delete.connect(_bump, sender=ListEntry, dispatch_uid="privacy_lists_deleted")


def current_lists():
    """The default lists extended by the admin's entries. Read again after a change in this
    process at once, and after one in another process (another web worker) within
    LISTS_LIFETIME seconds."""
    now = time.monotonic()
    fresh = getattr(_lists, "read_at", -LISTS_LIFETIME) > now - LISTS_LIFETIME
    if getattr(_lists, "generation", None) != _generation[0] or not fresh:
        extra = {}
        for kind, value in ListEntry.objects.values_list("kind", "value"):
            extra.setdefault(kind, []).append(value)
        _lists.value = checks.DEFAULT_LISTS.extended(**extra)
        _lists.generation = _generation[0]
        _lists.read_at = now
    return _lists.value


# --- An article's text and findings ------------------------------------------------------------


def field_label(name):
    if name.startswith("caption:"):
        return gettext("photo caption")
    return str(FIELD_LABELS.get(name, name))


def fields_of(article, photos=None):
    """The text that is checked, as plain text by field: never byline, credits or attributes."""
    fields = {name: getattr(article, name) or "" for name in TEXT_FIELDS}
    fields["body"] = checks.html_text(fields["body"])
    if photos is None:
        photos = list(Photo.objects.filter(article=article).values_list("pk", "caption"))
        photos = photos if article.pk else []
    for pk, caption in photos:
        fields[f"caption:{pk}"] = caption or ""
    return fields


def credited_names(article):
    if article.pk is None:
        return []
    return list(article.credits.values_list("contributor__name", flat=True))


def findings(article, photos=None, names=None):
    """Every finding in the article's text, dismissed ones included."""
    exempt = credited_names(article) if names is None else names
    return checks.check(fields_of(article, photos), current_lists(), exempt_names=exempt)


def dismissed_keys(article):
    if article.pk is None:
        return set()
    return set(Dismissal.objects.filter(article=article).values_list("key", flat=True))


def open_findings(article):
    dismissed = dismissed_keys(article)
    return [f for f in findings(article) if f.key not in dismissed]


def overridden_keys(article):
    keys = set()
    if article.pk is not None:
        for covered in Override.objects.filter(article=article).values_list("keys", flat=True):
            keys.update(covered)
    return keys


def blocking(article, found=None):
    """The open must-fix findings that no override covers."""
    found = open_findings(article) if found is None else found
    must = [f for f in found if f.must_fix]
    if not must or article.pk is None:
        return must
    covered = overridden_keys(article)
    return [f for f in must if f.key not in covered]


def describe(finding):
    return f"{KIND_LABELS[finding.kind]}「{finding.text}」（{field_label(finding.field)}）"


def publish_refusal(article):
    """articles.workflow's publish check: refuse while a must-fix finding is open."""
    left = blocking(article)
    if not left:
        return None
    return gettext(
        "“%(article)s” holds personal information that must not be published: %(findings)s. "
        "Fix it, or an editor overrides it with a reason."
    ) % {"article": article, "findings": "；".join(describe(f) for f in left)}


# --- Fixes, dismissals, overrides ---------------------------------------------------------------


class FindingGone(Exception):
    """The finding is no longer in the text (fixed meanwhile, or the text changed)."""


def find(article, key):
    for finding in findings(article):
        if finding.key == key:
            return finding
    raise FindingGone(gettext("This finding is no longer in the text; look at the list again."))


def _record(user, article, message):
    """A version of the article with ``message`` and who made it, and the admin log's line."""
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_comment(message)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[article],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def replacements(finding):
    """(old, new) pairs a fix writes everywhere in the piece: the whole name and its given name
    alone (王小明 → 王某, 小明 → 王某), or the number."""
    new = finding.replacement()
    pairs = [(finding.text, new)]
    if finding.is_name:
        given = checks.given_name(finding.text)
        if len(given) >= 2:
            pairs.append((given, new))
    return pairs


def apply_fix(user, article, key):
    """The one-click fix of finding ``key``, in every text field and caption; returns a message."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        finding = find(article, key)
        pairs = replacements(finding)
        changed = []
        for name in TEXT_FIELDS:
            value = getattr(article, name) or ""
            new = value
            for old, replacement in pairs:
                if name == "body":
                    new = checks.replace_in_html(new, old, replacement)
                else:
                    new = new.replace(old, replacement)
            if new != value:
                setattr(article, name, new)
                changed.append(name)
        photos = []
        for photo in Photo.objects.filter(article=article):
            caption = photo.caption
            for old, replacement in pairs:
                caption = caption.replace(old, replacement)
            if caption != photo.caption:
                photo.caption = caption
                photos.append(photo)
        if finding.is_name:
            message = gettext("Personal information: applied the 某 rule, %(old)s → %(new)s.")
        else:
            message = gettext("Personal information: masked %(old)s → %(new)s.")
        message = message % {"old": finding.text, "new": finding.replacement()}
        article.updated_by = user
        with reversion.create_revision():
            article.save()
            for photo in photos:
                photo.save(update_fields=["caption"])
            reversion.set_user(user)
            reversion.set_comment(message)
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[article],
            action_flag=CHANGE,
            change_message=message,
            single_object=True,
        )
    return message


def dismiss(user, article, key, reason):
    finding = find(article, key)
    Dismissal.objects.create(
        article=article,
        key=key,
        kind=finding.kind,
        text=finding.text[:200],
        reason=reason.strip(),
        created_by=user,
    )
    message = gettext("Personal information: dismissed %(finding)s: %(reason)s") % {
        "finding": describe(finding),
        "reason": reason.strip(),
    }
    _record(user, article, message)
    return message


def override(user, article, reason):
    """Let the article go public over its open must-fix findings (those now, not later ones)."""
    left = blocking(article)
    if not left:
        return None
    Override.objects.create(
        article=article, keys=[f.key for f in left], reason=reason.strip(), created_by=user
    )
    message = gettext("Personal information: may be published over %(findings)s: %(reason)s") % {
        "findings": "；".join(describe(f) for f in left),
        "reason": reason.strip(),
    }
    _record(user, article, message)
    return message


def may_override(user):
    return user.is_active and user.is_staff and user.has_perm("privacy.override_findings")
