"""People as the site names them: by name, not by account."""

from django.core.exceptions import ObjectDoesNotExist


def person_name(user):
    """Who did something, by name (their contributor's, else their full name), not by account:
    only administrators see accounts. Select ``contributor`` with the user to save a query."""
    if user is None:
        return "—"
    try:
        contributor = user.contributor
    except ObjectDoesNotExist:
        contributor = None
    return contributor.name if contributor else (user.get_full_name() or user.get_username())
