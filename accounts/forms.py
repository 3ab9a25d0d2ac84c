"""The administrator's one-step form: a sign-in for a contributor (person, court, role)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from articles.models import Contributor, Credit
from courts.models import Court

from .roles import CITY_REVIEWERS, CORRESPONDENTS, ROLE_CHOICES


class SignInForm(forms.ModelForm):
    """Creates the user, gives them a role, and links (or creates) the contributor they are.

    The account gets no password: the person sets their own through a link the administrator
    passes on (see set_password_url), so nobody else ever knows it.
    """

    name = forms.CharField(
        label=_("full name"),
        max_length=100,
        required=False,
        help_text=_("Full name as printed in bylines, e.g. 张树清."),
    )
    contributor = forms.ModelChoiceField(
        label=_("existing contributor"),
        queryset=Contributor.objects.filter(kind=Contributor.Kind.PERSON, user__isnull=True),
        required=False,
        widget=AutocompleteSelect(Credit._meta.get_field("contributor"), admin.site),
        help_text=_("If this person is already credited on articles, choose them here."),
    )
    court = forms.ModelChoiceField(
        label=_("court"),
        queryset=Court.objects.all(),
        required=False,
        widget=AutocompleteSelect(Contributor._meta.get_field("court"), admin.site),
        help_text=_("The court the person works at (required for correspondents)."),
    )
    role = forms.ChoiceField(
        label=_("role"), choices=ROLE_CHOICES, initial=CORRESPONDENTS, widget=forms.RadioSelect
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "email"]

    def clean(self):
        cleaned_data = super().clean()
        contributor = cleaned_data.get("contributor")
        name = (cleaned_data.get("name") or "").strip()
        court = cleaned_data.get("court")
        if contributor is None and not name:
            self.add_error("name", _("Give the person's name, or choose an existing contributor."))
        if contributor is not None:
            cleaned_data["name"] = name or contributor.name
            court = court or contributor.court
            cleaned_data["court"] = court
        elif name:
            twin = Contributor.objects.filter(name=name, court=court, user__isnull=True).first()
            if twin is not None:
                self.add_error(
                    "contributor",
                    _(
                        "%(name)s is already a contributor: choose them under “existing "
                        "contributor” so that their articles stay theirs."
                    )
                    % {"name": twin},
                )
        if cleaned_data.get("role") == CORRESPONDENTS and court is None:
            self.add_error("court", _("A correspondent writes for a court: choose it."))
        if cleaned_data.get("role") == CITY_REVIEWERS and (
            court is None or court.level != Court.Level.INTERMEDIATE
        ):
            self.add_error("court", _("A city reviewer reviews for a city court: choose it."))
        return cleaned_data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.first_name = self.cleaned_data["name"]
        user.is_staff = True
        user.set_unusable_password()
        if commit:
            user.save()
            self._save_m2m()
        return user

    def _save_m2m(self):
        super()._save_m2m()
        user = self.instance
        user.groups.set([Group.objects.get(name=self.cleaned_data["role"])])
        contributor = self.cleaned_data.get("contributor") or Contributor(
            name=self.cleaned_data["name"], kind=Contributor.Kind.PERSON
        )
        contributor.user = user
        if self.cleaned_data.get("court") is not None:
            contributor.court = self.cleaned_data["court"]
        contributor.save()


class AccountChangeForm(UserChangeForm):
    """An account's page: also the court the person works at (their contributor's), which an
    administrator sets for a correspondent or reviewer who has none."""

    court = forms.ModelChoiceField(
        label=_("court"),
        queryset=Court.objects.all(),
        required=False,
        widget=AutocompleteSelect(Contributor._meta.get_field("court"), admin.site),
        help_text=_(
            "The court the person works at: a correspondent sees their court's articles, a city "
            "reviewer the submissions of their city court's courts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contributor = Contributor.objects.filter(user=self.instance).first()
        if contributor is not None:
            self.fields["court"].initial = contributor.court_id

    def clean(self):
        cleaned_data = super().clean()
        groups = cleaned_data.get("groups")
        court = cleaned_data.get("court")
        reviewer = groups is not None and any(g.name == CITY_REVIEWERS for g in groups)
        if reviewer and court is not None and court.level != Court.Level.INTERMEDIATE:
            self.add_error("court", _("A city reviewer reviews for a city court: choose it."))
        return cleaned_data

    def save(self, commit=True):
        user = super().save(commit)
        if "court" in self.changed_data:
            contributor = Contributor.objects.filter(user=user).first() or Contributor(
                name=user.get_full_name() or user.get_username(),
                kind=Contributor.Kind.PERSON,
                user=user,
            )
            contributor.court = self.cleaned_data["court"]
            contributor.save()
        return user


def set_password_url(request, user):
    """An absolute link with which ``user`` sets a new password; void once used."""
    path = reverse(
        "admin:accounts_set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)
