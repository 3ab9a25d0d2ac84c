"""
Sign-in accounts, seen and changed by administrators only.

An administrator creates a sign-in for a contributor in one step (person, court, role), resets
someone's access (their password stops working, any lockout is lifted, and a new link to set a
password is shown) and deactivates accounts. Every such change is in the admin log.
"""

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from axes.utils import reset as reset_lockouts
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin import FieldNamesInChangeMessagesMixin

from .forms import AccountChangeForm, SignInForm, set_password_url
from .roles import CITY_REVIEWERS, CORRESPONDENTS, ROLE_CHOICES, is_administrator, role_name
from .signin import ThrottledSignInForm

User = get_user_model()


class AdministratorsOnlyMixin:
    """Visible to administrators alone, whatever permissions anyone else may hold."""

    def has_module_permission(self, request):
        return is_administrator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_administrator(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user) and super().has_delete_permission(request, obj)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's own "set a new password from a link", in the admin's look."""

    template_name = "registration/password_reset_confirm.html"
    admin_site = admin.site

    def get_success_url(self):
        return reverse("admin:accounts_set_password_done")

    def get_context_data(self, **kwargs):
        return {**self.admin_site.each_context(self.request), **super().get_context_data(**kwargs)}


class SetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
    admin_site = admin.site

    def get_context_data(self, **kwargs):
        return {**self.admin_site.each_context(self.request), **super().get_context_data(**kwargs)}


# The sign-in form slows a username attacked from many addresses (accounts/signin.py).
admin.site.login_form = ThrottledSignInForm

admin.site.unregister(User)


class RoleFilter(admin.RelatedFieldListFilter):
    """Filter by role, the group names translated."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("roles")

    def field_choices(self, field, request, model_admin):
        groups = Group.objects.filter(name__in=[name for name, _label in ROLE_CHOICES])
        return [(group.pk, role_name(group)) for group in groups.order_by("name")]


def without_court(queryset):
    """Correspondents and city reviewers who belong to no court (or have no contributor)."""
    return queryset.filter(groups__name__in=[CORRESPONDENTS, CITY_REVIEWERS]).filter(
        Q(contributor__isnull=True) | Q(contributor__court__isnull=True)
    )


class CourtMissingFilter(admin.SimpleListFilter):
    """Correspondents and reviewers whose court is missing: their scope is empty until fixed."""

    title = _("court")
    parameter_name = "court"

    def lookups(self, request, model_admin):
        return [("missing", _("correspondents and reviewers without a court"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return without_court(queryset).distinct()
        if self.value():
            return queryset.none()
        return queryset


# On one's own account: the fields shown instead of those that change one's access.
OWN_ACCESS = {
    "groups": "roles",
    "is_active": "is_active",
    "is_staff": "is_staff",
    "is_superuser": "is_superuser",
    "user_permissions": "user_permissions",
}


@admin.register(User)
class UserAdmin(FieldNamesInChangeMessagesMixin, AdministratorsOnlyMixin, DjangoUserAdmin):
    add_form = SignInForm
    form = AccountChangeForm
    add_form_template = None
    add_fieldsets = [
        (
            None,
            {
                "fields": ["name", "contributor", "court", "role", "username", "email"],
                "description": _(
                    "Creates the sign-in, gives it a role and links it to the contributor (created "
                    "if new). You then get a link with which the person sets their own password."
                ),
            },
        )
    ]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Person"),
            {"fields": ["first_name", "last_name", "email", "contributor_link", "court"]},
        ),
        (_("Role and access"), {"fields": ["groups", "is_active"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    superuser_fieldsets = [
        (_("Superuser only"), {"fields": ["is_staff", "is_superuser", "user_permissions"]}),
    ]
    readonly_fields = ["contributor_link", "last_login", "date_joined"]
    list_display = [
        "username",
        "first_name",
        "roles",
        "contributor_link",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_active", ("groups", RoleFilter), CourtMissingFilter]
    search_fields = ["username", "first_name", "last_name", "email", "contributor__name"]
    filter_horizontal = []
    actions = ["reset_access", "deactivate", "reactivate"]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        queryset = queryset.select_related("contributor__court")
        if not request.user.is_superuser:
            # An administrator cannot take over a superuser by resetting their access.
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and self.has_view_permission(request):
            missing = without_court(self.get_queryset(request).filter(is_active=True))
            count = missing.values("pk").distinct().count()
            if count:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d correspondent or reviewer belongs to no court and sees "
                        "nothing of their court's: open “without a court” to fix it.",
                        "%(count)d correspondents or reviewers belong to no court and see "
                        "nothing of their court's: open “without a court” to fix them.",
                        count,
                    )
                    % {"count": count},
                    messages.WARNING,
                )
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        if not self.has_view_or_change_permission(request):
            # Refused alike whatever the id: a 404 for some would tell which are superusers.
            raise PermissionDenied
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = self.fieldsets
        if request.user.is_superuser:
            fieldsets = [*fieldsets, *self.superuser_fieldsets]
        if obj.pk == request.user.pk:
            # One's own roles and access are shown, not changed: an administrator who took
            # them away would be locked out at once (another administrator changes them).
            fieldsets = [
                (name, {**options, "fields": [OWN_ACCESS.get(f, f) for f in options["fields"]]})
                for name, options in fieldsets
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            readonly += [field for field in OWN_ACCESS.values() if field not in readonly]
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=[name for name, _ in ROLE_CHOICES])
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["label"] = _("roles")
            kwargs["help_text"] = ""
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = role_name
        return field

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return "、".join(role_name(group) for group in obj.groups.all())

    @admin.display(description=_("contributor"))
    def contributor_link(self, obj):
        contributor = getattr(obj, "contributor", None)
        return str(contributor) if contributor else "—"

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            gettext(
                "Sign-in “%(username)s” created. Copy the link below and give it to %(name)s "
                "so they can set their password."
            )
            % {"username": obj.username, "name": obj.first_name or obj.username},
            messages.SUCCESS,
        )
        return redirect("admin:auth_user_change", obj.pk)

    def get_urls(self):
        info = "accounts"
        return [
            path(
                "set-password/done/",
                SetPasswordDoneView.as_view(),
                name=f"{info}_set_password_done",
            ),
            path(
                "set-password/<uidb64>/<token>/",
                SetPasswordView.as_view(),
                name=f"{info}_set_password",
            ),
            path(
                "<path:object_id>/reset-access/",
                self.admin_site.admin_view(self.reset_access_view),
                name=f"{info}_reset_access",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["reset_access_url"] = reverse("admin:accounts_reset_access", args=[obj.pk])
            if obj.is_active and not obj.has_usable_password():
                context["access_link"] = set_password_url(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    change_form_template = "admin/accounts/user_change_form.html"

    # --- Reset access and deactivation ------------------------------------------------------

    def _reset(self, request, user):
        user.set_unusable_password()  # also ends every session the user has open
        user.save(update_fields=["password"])
        reset_lockouts(username=user.get_username())
        self.log_change(
            request,
            user,
            gettext("Reset access: password voided, lockouts lifted, new link issued."),
        )

    def reset_access_view(self, request, object_id):
        user = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        if request.method == "POST":
            self._reset(request, user)
            self.message_user(
                request,
                gettext(
                    "Access reset for “%(username)s”: their old password no longer works. "
                    "Give them the new link below."
                )
                % {"username": user.get_username()},
                messages.SUCCESS,
            )
            return redirect("admin:auth_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Reset access for “%(username)s”?")
            % {"username": user.get_username()},
            "opts": self.model._meta,
            "original": user,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/accounts/reset_access.html", context)

    @admin.action(description=_("Reset access (void passwords, lift lockouts)"))
    def reset_access(self, request, queryset):
        for user in queryset:
            self._reset(request, user)
        self.message_user(
            request,
            ngettext(
                "Access reset for %(count)d account; open it to copy the new link.",
                "Access reset for %(count)d accounts; open each to copy its new link.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    reset_access.allowed_permissions = ["change"]

    @admin.action(description=_("Deactivate selected sign-ins"))
    def deactivate(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True).exclude(pk=request.user.pk):
            user.is_active = False
            user.save(update_fields=["is_active"])
            self.log_change(request, user, gettext("Deactivated the sign-in."))
            count += 1
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, gettext("You cannot deactivate yourself."), messages.ERROR)
        if count:
            self.message_user(
                request,
                ngettext("%(count)d sign-in deactivated.", "%(count)d sign-ins deactivated.", count)
                % {"count": count},
                messages.SUCCESS,
            )

    deactivate.allowed_permissions = ["change"]

    @admin.action(description=_("Reactivate selected sign-ins"))
    def reactivate(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=False):
            user.is_active = True
            user.save(update_fields=["is_active"])
            self.log_change(request, user, gettext("Reactivated the sign-in."))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d sign-in reactivated.", "%(count)d sign-ins reactivated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    reactivate.allowed_permissions = ["change"]


class ReadOnlyAdminMixin:
    """Looked up, never written here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    """django-axes' list of failed sign-ins, its status column named in the admin's language."""

    @admin.display(description=_("status"))
    def status(self, obj):
        return super().status(obj)


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(ReadOnlyAdminMixin, AdministratorsOnlyMixin, admin.ModelAdmin):
    """The three roles, for administrators to look up: what each may do and who has it. They
    are fixed (migration 0001_roles; the workflow reads their permissions): an account's roles
    are chosen on the account's page, and nothing here changes them."""

    list_display = ["role", "description", "member_count"]
    fields = ["role", "description", "members"]
    readonly_fields = fields

    def get_queryset(self, request):
        names = [name for name, _label in ROLE_CHOICES]
        return (
            super()
            .get_queryset(request)
            .filter(name__in=names)
            .annotate(member_count=Count("user", filter=Q(user__is_active=True)))
            .order_by("name")
        )

    @admin.display(description=_("role"), ordering="name")
    def role(self, group):
        return role_name(group)

    @admin.display(description=_("what the role may do"))
    def description(self, group):
        return dict(ROLE_CHOICES).get(group.name, "")

    @admin.display(description=_("active sign-ins"), ordering="member_count")
    def member_count(self, group):
        return group.member_count

    @admin.display(description=_("members"))
    def members(self, group):
        people = group.user_set.filter(is_active=True).order_by("username")
        return "、".join(person.get_username() for person in people) or "—"


@admin.register(LogEntry)
class ActivityLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who did what and when: publishing, withdrawals, restores, account changes, edits."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action", "message"]
    list_filter = ["action_flag", "content_type", "action_time"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    @admin.display(description=_("action"), ordering="action_flag")
    def action(self, obj):
        return obj.get_action_flag_display()

    @admin.display(description=_("change message"))
    def message(self, obj):
        return obj.get_change_message()
