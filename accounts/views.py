"""The page shown to a sign-in that django-axes has locked after repeated failures, and every
staff member's own "my account" page."""

from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Preferences
from .roles import role_name
from .signin import address_locked


def locked_out(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    # Which limit it reached: one username's from this address, or the address's own (many
    # usernames tried from it).
    from_address = address_locked(request)
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT if from_address else settings.AXES_FAILURE_LIMIT
    context = {
        **admin.site.each_context(request),  # the site's header and title, not Django's
        "failure_limit": limit,
        "from_address": from_address,
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


class MyAccountForm(forms.ModelForm):
    """A staff member's own name and address, and whether they want the workflow's mails."""

    email_notifications = forms.BooleanField(
        label=_("e-mail me about the steps that concern me"),
        required=False,
        help_text=_(
            "Submissions waiting for you, pieces forwarded, sent back, scheduled or published."
        ),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]


def my_account(request):
    """Every staff member's own page: name, e-mail, password, notices."""
    user = request.user
    preferences, _created = Preferences.objects.get_or_create(user=user)
    if request.method == "POST":
        form = MyAccountForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            preferences.email_notifications = form.cleaned_data["email_notifications"]
            preferences.save(update_fields=["email_notifications"])
            messages.success(request, gettext("Your account is saved."))
            return redirect("my_account")
    else:
        form = MyAccountForm(
            instance=user, initial={"email_notifications": preferences.email_notifications}
        )
    court = getattr(getattr(user, "contributor", None), "court", None)
    context = {
        **admin.site.each_context(request),
        "title": gettext("My account"),
        "form": form,
        "court": court,
        "roles": [role_name(group) for group in user.groups.all()],
    }
    return TemplateResponse(request, "admin/accounts/my_account.html", context)
