"""The court directory as a tree, and a court's page with its basic courts and articles (under
/courts/: the court tree is courts' own, the articles about it are articles' business)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView

from courts.models import PATH_STEP, Court
from newsroom.pagination import ReaderPaginationMixin

from ..court_counts import counted
from ..models import Article


def court_tree(courts):
    """
    Nest ``courts`` (ordered by path) as a list of roots, each with ``.nodes`` below it. A court
    whose court above is not listed hangs from its nearest listed ancestor.
    """
    by_path, roots = {}, []
    for court in courts:
        court.nodes = []
        by_path[court.path] = court
        parent_path = court.path[: -(PATH_STEP + 1)]
        while parent_path and parent_path not in by_path:
            parent_path = parent_path[: -(PATH_STEP + 1)]
        (by_path[parent_path].nodes if parent_path else roots).append(court)
    return roots


class CourtListView(ListView):
    template_name = "courts/court_list.html"
    context_object_name = "courts"

    def get_queryset(self):
        return counted(Court.objects.published().order_by("path"), "all")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            tree=court_tree(context["courts"]),
            section="courts",
            page_title=_("Courts"),
            page_description=_("The courts of Inner Mongolia and the articles about each of them."),
        )
        return context


def ancestor_paths(court):
    """The paths of the courts above ``court``, from the top."""
    step = PATH_STEP + 1
    return [court.path[: i * step + 1] for i in range(1, court.depth + 1)]


class CourtDetailView(ReaderPaginationMixin, ListView):
    """A court, the courts below it, and the articles about it or any court below it."""

    template_name = "courts/court_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.court = get_object_or_404(Court.objects.published(), slug=self.kwargs["slug"])
        return Article.objects.published().in_court_subtree(self.court).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        court = self.court
        published = Court.objects.published()
        context.update(
            court=court,
            section="courts",
            page_title=court.name,
            page_description=_("Articles about %(court)s and the courts below it.")
            % {"court": court.name},
            ancestors=list(published.filter(path__in=ancestor_paths(court)).order_by("path")),
            children=counted(
                published.filter(parent=court).order_by("position", "name"),
                f"children:{court.pk}",
            ),
        )
        return context
