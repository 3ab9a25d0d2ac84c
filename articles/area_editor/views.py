"""The area editor's page in the admin: /admin/articles/issue/<id>/areas/ (see the package)."""

import reversion
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from newsroom.people import person_name

from .. import workflow
from ..models import Article
from .forms import (
    EDGES,
    AreaFormSet,
    areas_of,
    fingerprint,
    overlapping,
    with_stale_rows_as_new,
)

OVERWRITE = "_overwrite"
# To change areas: change articles, and add, change and delete their areas.
CHANGE_PERMISSIONS = [
    "articles.change_article",
    "articles.add_pagearea",
    "articles.change_pagearea",
    "articles.delete_pagearea",
]
COLOURS = 8  # area-colour-0 … 7 in static/css/area-editor.css


class AreaEditorView(View):
    model_admin = None  # the IssueAdmin: the edition is found through its queryset

    def dispatch(self, request, object_id):
        self.issue = self.model_admin.get_object(request, unquote(object_id))  # 404 if unseen
        if not self.model_admin.has_view_permission(request, self.issue):
            raise PermissionDenied
        self.may_change = request.user.has_perms(CHANGE_PERMISSIONS)
        articles = self.issue.articles.select_related("updated_by__contributor")
        self.articles = {a.pk: a for a in articles.order_by("position", "pk")}
        return super().dispatch(request, object_id)

    def formset(self, data=None):
        return AreaFormSet(data, issue=self.issue, articles=self.articles)

    def get(self, request, object_id):
        formset = self.formset()
        stored = list(formset.get_queryset())
        loaded = {
            pk: (article.edit_version, fingerprint(a for a in stored if a.article_id == pk))
            for pk, article in self.articles.items()
        }
        return self.render(request, formset, loaded, stored)

    def post(self, request, object_id):
        if not self.may_change:
            raise PermissionDenied
        loaded = {pk: _loaded(request.POST, pk) for pk in self.articles}
        overwrite = dict(
            part.split(":", 1) for part in request.POST.get(OVERWRITE, "").split(",") if ":" in part
        )
        with transaction.atomic():
            # What this editor changed, read from the rows as they were sent.
            sent = self.formset(request.POST)
            touched = sent.articles_touched({pk: mark for pk, (_v, mark) in loaded.items()})
            known = set(areas_of(self.issue).values_list("pk", flat=True))
            formset = self.formset(with_stale_rows_as_new(request.POST, known))
            for pk in touched:
                if not workflow.can_edit(request.user, self.articles[pk]):
                    raise PermissionDenied
            conflicts = self.conflicts(touched, loaded, overwrite)
            for conflict in conflicts:
                conflict["yours"] = _posted_areas(formset, conflict["article"].pk)
            if conflicts:
                return self.render(request, formset, loaded, conflicts=conflicts)
            if not formset.is_valid():
                return self.render(request, formset, loaded)
            saved = self.save(request, formset, touched)
        if saved:
            messages.success(
                request,
                ngettext(
                    "The areas of %(count)d article were saved.",
                    "The areas of %(count)d articles were saved.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
        else:
            messages.info(request, _("No area was changed."))
        return HttpResponseRedirect(request.path)

    def conflicts(self, touched, loaded, overwrite):
        """The articles this save would change whose areas someone else changed since the form
        was opened, with what they are now."""
        if not touched:
            return []
        # Locked until this save commits: a save of the same article meanwhile waits.
        current = Article.objects.select_for_update().filter(pk__in=touched)
        versions = dict(current.values_list("pk", "edit_version"))
        stored = {pk: [] for pk in touched}
        for area in areas_of(self.issue).filter(article__in=touched):
            stored[area.article_id].append(area)
        found = []
        for pk in sorted(touched, key=list(self.articles).index):
            version, mark = loaded[pk]
            now = fingerprint(stored[pk])
            if now == mark or overwrite.get(str(pk)) == now:
                continue  # as opened (or saved meanwhile without touching its areas), or seen
            if mark is None and version == versions.get(pk):
                continue  # a form without the areas' mark: its edit number says enough
            article = self.articles[pk]
            found.append(
                {
                    "article": article,
                    "saved_by": person_name(article.updated_by) if article.updated_by else None,
                    "saved_at": article.updated_at,
                    "theirs": stored[pk],
                    "mark": now,
                }
            )
        return found

    def save(self, request, formset, touched):
        """Each article whose areas changed: its own version, with who, when and what."""
        formset.save(commit=False)
        counts = {pk: [0, 0, 0] for pk in touched}
        work = {pk: [] for pk in touched}
        # Only the rows of the articles this editor changed: another row may differ from the
        # database because someone else changed it since, which is theirs to keep.
        steps = [
            *((area, area.save, 0) for area in formset.new_objects),
            *((area, area.save, 1) for area, _fields in formset.changed_objects),
            *((area, area.delete, 2) for area in formset.deleted_objects),
        ]
        for area, step, kind in steps:
            if area.article_id in touched:
                work[area.article_id].append(step)
                counts[area.article_id][kind] += 1
        saved = []
        # As stored now (locked by conflicts()): the version keeps the article as it is.
        fresh = Article.objects.in_bulk(touched)
        for pk in sorted(touched, key=list(self.articles).index):
            article = fresh[pk]
            comment = _area_comment(*counts[pk])
            with reversion.create_revision():
                for step in work[pk]:
                    step()
                article.updated_by = request.user
                article.save(update_fields=["updated_by", "updated_at"])
                reversion.set_user(request.user)
                reversion.set_comment(comment)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[article],
                action_flag=CHANGE,
                change_message=comment,
                single_object=True,
            )
            saved.append(article)
        return saved

    def render(self, request, formset, loaded, stored=None, conflicts=()):
        articles = [
            {
                "article": article,
                "colour": index % COLOURS,
                "version": loaded[pk][0],
                "mark": loaded[pk][1],
            }
            for index, (pk, article) in enumerate(self.articles.items())
        ]
        context = {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.issue._meta,
            "issue": self.issue,
            "title": _("Areas on the page %(issue)s") % {"issue": self.issue},
            "formset": formset,
            "page_articles": articles,
            "colours": {row["article"].pk: row["colour"] for row in articles},
            "may_change": self.may_change,
            "conflicts": conflicts,
            "overwrite": ",".join(f"{c['article'].pk}:{c['mark']}" for c in conflicts),
        }
        if stored is not None:
            with_area = {area.article_id for area in stored}
            context["drawn"] = [
                (area, context["colours"][area.article_id], self.articles[area.article_id])
                for area in stored
            ]
            context["without_area"] = [a for pk, a in self.articles.items() if pk not in with_area]
            context["overlaps"] = overlapping(stored, self.articles)
        return TemplateResponse(request, "admin/articles/issue/areas.html", context)


def _loaded(data, pk):
    """The edit number and the areas' mark the form was opened with, for article ``pk``."""
    try:
        version = int(data.get(f"version-{pk}", ""))
    except ValueError:
        version = None
    return version, data.get(f"mark-{pk}") or None


def _posted_areas(formset, pk):
    """What the editor is saving for article ``pk``, as typed (the rows may not be valid)."""
    rows = []
    for form in formset.forms:
        data = {name: form.data.get(form.add_prefix(name), "") for name in ["article", *EDGES]}
        if data["article"] == str(pk) and not form.data.get(form.add_prefix("DELETE")):
            rows.append("{left},{top} {width}×{height}".format(**data))
    return rows


def _area_comment(added, changed, deleted):
    parts = []
    if added:
        parts.append(ngettext("%(n)d area added", "%(n)d areas added", added) % {"n": added})
    if changed:
        parts.append(
            ngettext("%(n)d area changed", "%(n)d areas changed", changed) % {"n": changed}
        )
    if deleted:
        parts.append(
            ngettext("%(n)d area removed", "%(n)d areas removed", deleted) % {"n": deleted}
        )
    if not parts:
        parts.append(_("an area given to another article"))
    return _("Areas on the page: %(what)s.") % {"what": _(", ").join(parts)}
