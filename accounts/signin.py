"""Sign-in protection beyond django-axes' lockout of one username from one address.

Three thresholds (settings, stated in the README):

- one username from one address: AXES_FAILURE_LIMIT failures lock that pair out for
  AXES_COOLOFF_TIME (django-axes itself);
- one address, whatever usernames it tries: SIGNIN_ADDRESS_FAILURE_LIMIT failures lock the
  address out for the same time (SignInHandler), so guessing many accounts from one machine
  stops as soon as guessing one does;
- one username, from many addresses (SIGNIN_USERNAME_SLOWDOWN_AFTER failures from at least
  SIGNIN_USERNAME_SLOWDOWN_ADDRESSES addresses): the username is slowed, never locked
  (ThrottledSignInForm): from an address it has never signed in from, its password is checked
  at most once every SIGNIN_USERNAME_SLOWDOWN_SECONDS; its known addresses are not slowed at
  all. Nobody can lock the editor-in-chief out by failing from many machines.
"""

import datetime
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _recent(attempts):
    return attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def address_locked(request):
    """Whether the request's address failed too often, whatever usernames it tried."""
    address = get_client_ip_address(request)
    from_address = _recent(AccessAttempt.objects.filter(ip_address=address)).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (from_address or 0) >= settings.SIGNIN_ADDRESS_FAILURE_LIMIT


class SignInHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a limit per address across usernames."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if address_locked(request):
            # As locked as a username would be: the same cool-off (the page says why).
            return max(failures, get_failure_limit(request, credentials))
        return failures


def seconds_to_wait(username, address):
    """How long a sign-in as ``username`` from ``address`` must wait (0: not at all)."""
    if not username:
        return 0
    attempts = _recent(AccessAttempt.objects.filter(username=username)).aggregate(
        failures=Sum("failures_since_start"),
        addresses=Count("ip_address", distinct=True),
        last=Max("attempt_time"),
    )
    if (attempts["failures"] or 0) < settings.SIGNIN_USERNAME_SLOWDOWN_AFTER or attempts[
        "addresses"
    ] < settings.SIGNIN_USERNAME_SLOWDOWN_ADDRESSES:
        return 0
    if AccessLog.objects.filter(username=username, ip_address=address).exists():
        return 0  # an address this person has signed in from
    interval = datetime.timedelta(seconds=settings.SIGNIN_USERNAME_SLOWDOWN_SECONDS)
    remaining = (attempts["last"] + interval - timezone.now()).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


class ThrottledSignInForm(AdminAuthenticationForm):
    """The admin's sign-in form; a slowed username is asked to wait before its password is
    checked (no failure is counted for it, so waiting never leads to a lockout)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "slowed": _(
            "There have been many failed sign-ins to this account from several places. "
            "Please wait %(seconds)d seconds and try again."
        ),
    }

    def clean(self):
        if settings.AXES_ENABLED:
            username = self.cleaned_data.get("username")
            address = get_client_ip_address(self.request) if self.request else None
            seconds = seconds_to_wait(username, address)
            if seconds:
                raise ValidationError(
                    self.error_messages["slowed"], code="slowed", params={"seconds": seconds}
                )
        return super().clean()
