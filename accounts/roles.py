"""
The roles of the newsroom, as Django groups (created by migrations 0001_roles and
0002_city_reviewers; 0004 lets the city reviewers see the photos of what they review).

What each role may do is its group's permissions; the article workflow (articles/workflow.py)
reads those permissions, never the group names. Only the account pages ask "is this person an
administrator?", because no model permission says "may see other people's accounts" by itself.
"""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# The group names are data (code looks groups up by them); gettext_noop puts them in the catalogue
# so that the admin shows them translated, with role_name().
ADMINISTRATORS = gettext_noop("Administrators")
EDITORS = gettext_noop("Editors")
CORRESPONDENTS = gettext_noop("Correspondents")
CITY_REVIEWERS = gettext_noop("City reviewers")

ROLE_CHOICES = [
    (CORRESPONDENTS, _("Correspondent (writes drafts for a court)")),
    (CITY_REVIEWERS, _("City reviewer (中院审稿: reviews what the city's courts submit)")),
    (EDITORS, _("Editor (editorial office)")),
    (ADMINISTRATORS, _("Administrator (manages accounts)")),
]


def role_name(group):
    """A role's group name in the reader's language: "编辑" for Editors."""
    return gettext(group.name)


def is_administrator(user):
    """May see and change sign-in accounts."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
