"""
Strings of Django and installed packages that show in this site's admin but have no zh_Hans
translation upstream: they are listed here only so that `make messages` puts them into the
project's catalogue (locale/), whose translations take precedence over the packages' own.
Nothing imports this module. The msgids must match the packages' exactly, whitespace included.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MSGIDS = [
    # django.contrib.admin (5.2): the app list's column headers for screen readers, and more
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # django.contrib.auth: set-password form (a new account's link)
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # django-reversion-compare: version history and comparison
    gettext_noop("compare"),
    gettext_noop("Comment"),
    gettext_noop("Compare %(name)s"),
    gettext_noop(
        "\n                Compare <strong>%(date1)s</strong> with <strong>%(date2)s</strong>:\n"
        "            "
    ),
    gettext_noop("Go back to history list"),
    gettext_noop("Revert to this version"),
    gettext_noop("remove:"),
    gettext_noop("changed to:"),
    gettext_noop("add:"),
    gettext_noop("There are no differences."),
    gettext_noop("Edit comment:"),
    gettext_noop("(no comment exists)"),
    gettext_noop("Note:"),
    gettext_noop(
        '\n        Fields/entries marked with <sup class="follow">*</sup> are not under reversion '
        "control.\n        It may be that not all marked information are correct.\n    "
    ),
    gettext_noop(
        "\n    This is the fallback compare, because the normal compare can't be applied\n"
        "    between the two selected version:\n    "
    ),
    gettext_noop("Revert to the old version will probably not work!"),
    gettext_noop("More info:"),
    gettext_noop("previous"),
    gettext_noop("next"),
    gettext_noop("time since that date:"),
    gettext_noop("Field didn't exist!"),
    # django-axes: its models in the admin (superusers)
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Logout Time"),
    gettext_noop("Expires At"),
    gettext_noop("Access Attempt"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Locked Out"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
]
