"""
Development sign-ins, one per role (and a basic court's correspondent, whose drafts the city
reviewer reviews): creates or resets them and prints how to sign in.

Refused when DEBUG is off: these accounts have passwords printed on a terminal.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import ADMINISTRATORS, CITY_REVIEWERS, CORRESPONDENTS, EDITORS
from articles.models import Article, Contributor, Status
from courts.models import Court
from demo.people import DEMO_CORRESPONDENT

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_URL = SITE_URL + "admin/"

# username, group, superuser, what the account is for
ACCOUNTS = [
    ("admin", ADMINISTRATORS, True, "administrator (superuser: everything, and the accounts)"),
    ("editor", EDITORS, False, "editor (editorial office: edits and publishes)"),
    ("correspondent", CORRESPONDENTS, False, "correspondent (writes and submits drafts)"),
    (
        "reviewer",
        CITY_REVIEWERS,
        False,
        "city reviewer (中院审稿 at 赤峰中院: reviews what its basic courts submit)",
    ),
    (
        "county",
        CORRESPONDENTS,
        False,
        "correspondent of a basic court (its drafts go to the city reviewer first)",
    ),
]
# The people behind them (the demo's own, invented): every account has a person's name, shown
# on their work instead of the sign-in name. The correspondent is the demo's press officer.
NAMES = {
    "admin": "郝建华",
    "editor": "范志刚",
    "correspondent": DEMO_CORRESPONDENT[0],
    "reviewer": "赵海燕",
    "county": "孙立新",
}
# Where the reviewer and the basic court's correspondent work: the demo correspondent's city
# court, and one of its basic courts (loaded by the courts' migration).
REVIEWER_COURT = DEMO_CORRESPONDENT[1]
COUNTY_COURT = "chifeng-hongshan"


class Command(BaseCommand):
    help = (
        "Create or reset the development sign-ins admin, editor, correspondent, reviewer (a "
        "city reviewer) and county (a basic court's correspondent, whose drafts the reviewer "
        "reviews), and print their passwords. Refused when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Give them all this password instead of new random ones.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_accounts is for development only and refuses to run with DEBUG off: "
                "create real accounts in the admin (Users → add) instead."
            )
        fixed = options["password"]
        rows = []
        with transaction.atomic():
            for username, group_name, superuser, description in ACCOUNTS:
                password = fixed or secrets.token_urlsafe(9)
                user = self._reset(username, group_name, superuser, password)
                if username == "correspondent":
                    contributor = self._link_contributor(user)
                    # The demo's submitted article is theirs: record who sent it to the editors.
                    Article.objects.filter(
                        status=Status.REVIEW,
                        submitted_by__isnull=True,
                        credits__contributor=contributor,
                    ).update(submitted_by=user)
                    description += f", credited as {contributor}"
                elif username in ("reviewer", "county"):
                    court = self._place(
                        user, REVIEWER_COURT if username == "reviewer" else COUNTY_COURT
                    )
                    if court is not None:
                        description += f", at {court.display_name}"
                rows.append((username, password, description))
                self._unlock(username)

        self.stdout.write(self.style.SUCCESS("Demo sign-ins (development only):"))
        width = max(len(username) for username, _, _ in rows)
        for username, password, description in rows:
            self.stdout.write(f"  {username:<{width}}  password: {password}   {description}")
        self.stdout.write(f"Sign in at {ADMIN_URL}")
        self.stdout.write(f"The public site is at {SITE_URL}")
        for group in Group.objects.filter(name__in=[row[1] for row in ACCOUNTS]):
            if not group.permissions.exists():
                self.stderr.write(
                    f"Note: the group {group.name} has no permissions yet; run "
                    "`manage.py migrate` to create the roles."
                )

    def _reset(self, username, group_name, superuser, password):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_active = True
        user.is_staff = True
        user.is_superuser = superuser
        user.first_name = NAMES[username]
        user.set_password(password)
        user.save()
        group, _ = Group.objects.get_or_create(name=group_name)
        user.groups.set([group])
        return user

    def _link_contributor(self, user):
        """The demo's own press officer at 赤峰中院, so the correspondent sees credited work."""
        linked = Contributor.objects.filter(user=user).first()
        if linked is not None:
            return linked
        name, court_slug = DEMO_CORRESPONDENT
        court = Court.objects.filter(slug=court_slug).first()
        contributor = Contributor.objects.filter(
            name=name, kind=Contributor.Kind.PERSON, court=court, user__isnull=True
        ).first()
        if contributor is None:
            contributor = Contributor(name=name, kind=Contributor.Kind.PERSON, court=court)
        contributor.user = user
        contributor.save()
        return contributor

    def _place(self, user, court_slug):
        """The account's person, as a contributor of the court ``court_slug`` (None if the court
        is not in the database)."""
        court = Court.objects.filter(slug=court_slug).first()
        contributor = Contributor.objects.filter(user=user).first() or Contributor(
            name=user.first_name, kind=Contributor.Kind.PERSON, user=user
        )
        contributor.court = court
        contributor.save()
        return court

    def _unlock(self, username):
        """Clear sign-in lockouts left from earlier attempts with the old password."""
        if "axes" in settings.INSTALLED_APPS:
            from axes.utils import reset

            reset(username=username)
