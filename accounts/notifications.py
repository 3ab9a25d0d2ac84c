"""
E-mail notices of the article workflow's steps, to the people each step concerns:

- submitted: the reviewers of the city court it went to, else the editors;
- forwarded by a city court: the editors, and the authors (it went on);
- sent back: the authors, with the note;
- scheduled or published: the authors, and the city reviewer who forwarded it;
- withdrawn from the site: the same people (what they were told is public is not any more).

The authors are whoever submitted or created the piece and the people with a sign-in credited on
it. Nobody is told about their own step, nor anyone without an address or who chose not to get
these mails (Preferences, on the "my account" page). Mails are written when the step is made and
sent once its transaction is committed; a mail that cannot be sent is logged and the step stands.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles import workflow
from articles.models import Article, Credit, Status
from newsroom.people import person_name

logger = logging.getLogger(__name__)
User = get_user_model()


def editors():
    """The active editors: holders of the permission to publish articles."""
    holders = Permission.objects.filter(
        content_type__app_label="articles", codename="publish_article"
    )
    return User.objects.filter(is_active=True, is_staff=True).filter(
        Q(groups__permissions__in=holders) | Q(user_permissions__in=holders)
    )


def authors(article):
    """The people whose piece it is: its submitter, its creator and the credited sign-ins."""
    credited = Credit.objects.filter(article=article, contributor__user__isnull=False)
    return User.objects.filter(
        Q(pk=article.submitted_by_id)
        | Q(pk=article.created_by_id)
        | Q(pk__in=credited.values("contributor__user"))
    ).exclude(pk__in=editors().values("pk"))


def reachable(users, actor):
    """Those of ``users`` who get mails: active, with an address, not opted out, not ``actor``."""
    return (
        users.filter(is_active=True)
        .exclude(email="")
        .exclude(pk=actor.pk)
        .exclude(preferences__email_notifications=False)
        .select_related("contributor")
        .distinct()
        .order_by("pk")
    )


def recipients(article, transition):
    name = transition.name
    if name == "submit":
        if article.status == Status.CITY_REVIEW:
            return workflow.reviewers_of(workflow.city_of(article.submitted_from))
        return editors()
    if name == "forward":
        return editors() | authors(article)
    if name in ("send_back", "city_send_back"):
        return authors(article)
    if name in ("publish", "withdraw"):
        people = authors(article)
        if article.forwarded_by_id:
            people = people | User.objects.filter(pk=article.forwarded_by_id)
        return people
    return User.objects.none()


def compose(article, transition, actor, note):
    """The subject and body of the notice of a step (in the site's language)."""
    link = settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])
    who = person_name(actor)
    court = article.submitted_from.display_name if article.submitted_from_id else ""
    name = transition.name
    if name == "submit":
        subject = gettext("Submitted for your review: %(headline)s")
        what = gettext("%(who)s (%(court)s) submitted it.")
    elif name == "forward":
        subject = gettext("Forwarded by the city court: %(headline)s")
        what = gettext("%(who)s forwarded it to the editors.")
    elif name in ("send_back", "city_send_back"):
        subject = gettext("Sent back to you: %(headline)s")
        what = gettext("%(who)s sent it back to the author.")
    elif name == "withdraw":
        subject = gettext("Withdrawn from the site: %(headline)s")
        if article.publish_at and article.publish_at > timezone.now():
            what = gettext("%(who)s withdrew it before its time: it will not be published.")
        else:
            what = gettext("%(who)s withdrew it: readers no longer see it.")
    elif article.publish_at and article.publish_at > timezone.now():
        subject = gettext("Scheduled: %(headline)s")
        what = gettext("%(who)s scheduled it for %(when)s.")
    else:
        subject = gettext("Published: %(headline)s")
        what = gettext("%(who)s published it.")
    values = {
        "headline": article.headline,
        "who": who,
        "court": court or "—",
        "when": timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
        if article.publish_at
        else "",
    }
    lines = [what % values]
    if note.strip():
        lines += ["", gettext("Note:"), note.strip()]
    lines += ["", link]
    return subject % values, "\n".join(lines)


def send(messages):
    """Send each mail; one that fails is logged and the others still go."""
    try:
        connection = get_connection()
    except Exception:
        logger.exception("Could not open the mail connection; %d notices not sent.", len(messages))
        return
    for message in messages:
        try:
            connection.send_messages([message])
        except Exception:
            logger.exception("Could not send the notice “%s” to %s.", message.subject, message.to)


@receiver(workflow.step_taken, sender=Article)
def notify(sender, user, obj, transition, note="", **kwargs):
    people = list(reachable(recipients(obj, transition), user))
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = compose(obj, transition, user, note)
    messages = [
        EmailMessage(subject=f"【法院专刊】{subject}", body=body, to=[person.email])
        for person in people
    ]
    transaction.on_commit(lambda: send(messages))
