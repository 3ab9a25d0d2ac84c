"""
Every staff account is a person with a name, shown wherever their work is (histories, notices,
comparisons: newsroom.people.person_name), never their sign-in name.

The name is one field (``first_name``, as a Chinese name is written: 张树清), required when an
account is created and changed. An account that has none (a superuser made by
``createsuperuser``, an account from before) is asked for it on its first page of the admin.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NAME_LABEL = _("full name")
NAME_HELP = _("The person's full name, as it is written (e.g. 张树清): shown on their work.")


def has_a_name(user):
    """Whether ``user`` has a person's name of their own or as a contributor."""
    if (user.first_name or "").strip() or (user.last_name or "").strip():
        return True
    try:
        return bool(user.contributor.name.strip())
    except ObjectDoesNotExist:
        return False


class YourNameForm(forms.Form):
    name = forms.CharField(label=NAME_LABEL, max_length=150, help_text=NAME_HELP)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give your name."))
        return name


def your_name_view(request):
    """ "What is your name?": asked once of a staff account that has none."""
    form = YourNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.user.first_name = form.cleaned_data["name"]
        request.user.save(update_fields=["first_name"])
        messages.success(request, gettext("Thank you: your work is now shown under your name."))
        target = request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index")
        return redirect(target)
    context = {
        **admin.site.each_context(request),
        "title": gettext("What is your name?"),
        "form": form,
    }
    return TemplateResponse(request, "admin/accounts/your_name.html", context)


class PersonNameRequiredMiddleware:
    """Sends a signed-in staff account without a name to the "your name" form first (only in
    the admin; the form itself, signing out and setting a password stay open)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The admin's pages only, asked before the user is: a public page never reads the
        # session (it would vary by cookie, and the page cache would not keep it).
        path = request.path
        if not path.startswith(reverse("admin:index")) or "/set-password/" in path:
            return self.get_response(request)
        form_url = reverse("admin:accounts_your_name")
        if path in (form_url, reverse("admin:logout"), reverse("admin:jsi18n")):
            return self.get_response(request)
        try:
            unnamed = request.user.is_staff and not has_a_name(request.user)
        except DatabaseError:
            # Not here to say the database is away: the view does (newsroom/unavailable.py).
            unnamed = False
        if unnamed:
            return redirect(f"{form_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
