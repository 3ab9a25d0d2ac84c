"""The administrators' part of the desk: the accounts that wait for them (no court yet)."""

from django import template
from django.contrib.auth import get_user_model

from ..roles import is_administrator

register = template.Library()


@register.inclusion_tag("admin/includes/accounts_desk.html", takes_context=True)
def accounts_desk(context):
    user = context["request"].user
    if not is_administrator(user):
        return {}
    from ..admin import without_court

    people = get_user_model().objects.filter(is_active=True, is_superuser=False)
    return {"is_administrator": True, "without_court": without_court(people).distinct().count()}
