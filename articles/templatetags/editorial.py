"""The editorial dashboard on the admin's front page: what waits, what is scheduled and when."""

from django import template
from django.utils import timezone

from articles import workflow
from articles.models import Article, Issue, Status
from newsroom.people import person_name

register = template.Library()

LIMIT = 15


@register.inclusion_tag("admin/includes/editorial_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    user = context["request"].user
    now = timezone.now()
    articles = Article.objects.visible_to(user).select_related(
        "issue", "submitted_by__contributor", "submitted_from"
    )
    if workflow.is_editor(user):
        waiting = articles.filter(status=Status.REVIEW)
        return {
            "is_editor": True,
            # What a city court forwarded first, with its comment; then the rest.
            "forwarded": waiting.filter(forwarded_at__isnull=False)
            .select_related("forwarded_by__contributor")
            .order_by("forwarded_at", "pk")[:LIMIT],
            "waiting": waiting.filter(forwarded_at__isnull=True).order_by("submitted_at", "pk")[
                :LIMIT
            ],
            "scheduled_articles": articles.scheduled(now).order_by("publish_at")[:LIMIT],
            "scheduled_issues": Issue.objects.visible_to(user)
            .scheduled(now)
            .order_by("publish_at")[:LIMIT],
        }
    city = workflow.reviewer_city(user)
    if city is not None and not user.has_perm("articles.change_article"):
        return {
            "is_reviewer": True,
            "city": city,
            "to_review": articles.filter(status=Status.CITY_REVIEW).order_by("submitted_at", "pk")[
                :LIMIT
            ],
            "forwarded_by_you": articles.filter(forwarded_by=user).order_by("-forwarded_at")[
                :LIMIT
            ],
        }
    if user.has_perm("articles.view_article"):
        return {
            "is_author": True,
            "sent_back": articles.filter(status=Status.DRAFT).exclude(review_note="")[:LIMIT],
            "drafts": articles.filter(status=Status.DRAFT, review_note="")[:LIMIT],
            "waiting": articles.filter(status__in=[Status.CITY_REVIEW, Status.REVIEW]).order_by(
                "submitted_at"
            )[:LIMIT],
            "scheduled_articles": articles.scheduled(now).order_by("publish_at")[:LIMIT],
        }
    return {}


@register.filter
def person(user):
    """A user by name, not by account (newsroom.people.person_name)."""
    return person_name(user)
