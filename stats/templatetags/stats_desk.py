"""Links on the admin's home page: the statistics (editors, city reviewers) and rosters
(administrators), for those who may open them."""

from django import template

from accounts.roles import is_administrator

from ..views import scope_of

register = template.Library()


@register.inclusion_tag("admin/includes/stats_desk.html", takes_context=True)
def stats_desk(context):
    user = context["request"].user
    return {"statistics": scope_of(user)[0], "rosters": is_administrator(user)}
