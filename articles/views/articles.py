"""
Public pages of articles and contributors, and the search page. Every queryset starts at
``published()``; the staff previews (previews.py) render the same templates from ``visible_to()``.
"""

from django.db.models import Count, FilteredRelation, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from courts.models import Court
from newsroom.pagination import ReaderPaginationMixin

from ..filters import ArticleFilter
from ..hooks import extend_article_page
from ..models import Article, Contributor, Credit, Photo, shown_contributor
from ..renditions import rendition_url
from ..search import query as search
from ..structured_data import news_article
from ..text import excerpt_of


def article_detail_queryset(articles):
    """The joins an article page needs, named, on top of ``articles``."""
    return (
        articles.with_last_modified()
        .select_related("issue")
        .prefetch_related(
            Prefetch("courts", queryset=Court.objects.published()),
            Prefetch(
                "credits",
                queryset=Credit.objects.filter(
                    contributor__in=Contributor.objects.shown()
                ).select_related("contributor"),
            ),
            Prefetch(
                "photos",
                # The photographer credited only if readers may see the name, in the same join.
                queryset=Photo.objects.exclude(image="")
                .annotate(
                    shown_photographer=FilteredRelation(
                        "photographer", condition=shown_contributor("photographer__")
                    )
                )
                .select_related("shown_photographer"),
            ),
        )
    )


def article_page_context(article, request, page_articles):
    """
    What the article page shows around the article: its neighbours on the printed page (from
    ``page_articles``, one query), related articles about the same courts (published only), and
    the JSON-LD.
    """
    siblings = []
    if article.issue_id:
        siblings = list(page_articles.filter(issue=article.issue_id).headlines())
    index = next((i for i, a in enumerate(siblings) if a.pk == article.pk), None)
    court_ids = [court.pk for court in article.courts.all()]
    # A semi-join, not a join with DISTINCT: the newest-first index stops after six articles.
    about = Article.courts.through.objects.filter(court_id__in=court_ids).values("article_id")
    related = (
        Article.objects.published().filter(pk__in=about).exclude(pk=article.pk).for_listing()[:6]
        if court_ids
        else []
    )
    photos = list(article.photos.all())
    context = {
        "section": "articles",
        "page_title": article.headline,
        "page_description": excerpt_of(article, 120),
        "canonical_path": article.get_absolute_url(),
        # Shared on WeChat and elsewhere: a rendition, not the original.
        "og_image": rendition_url(photos[0].image, 1200) if photos else "",
        "page_articles": siblings,
        "previous_article": siblings[index - 1] if index else None,
        "next_article": (
            siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
        ),
        "related": related,
        "structured_data": news_article(article, request),
        "og_type": "article",
    }
    extend_article_page(article, request, context)
    return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_detail_queryset(Article.objects.published())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != (self.object.slug or "article"):
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article_page_context(self.object, self.request, Article.objects.published()))
        return context


def article_redirect(request, pk):
    article = get_object_or_404(Article.objects.published().only("pk", "slug"), pk=pk)
    return redirect(article, permanent=True)


class FilteredArticlesMixin(ReaderPaginationMixin):
    """Published articles, newest first, narrowed by ArticleFilter (court subtree, dates, …)."""

    paginate_by = 20
    canonical_params = ("q", "court", "date_from", "date_to", "contributor")

    def get_filterset(self):
        return ArticleFilter(
            self.request.GET or None,
            queryset=Article.objects.published().for_listing(),
            request=self.request,
        )

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["problems"] = self.filterset.problems()
        context["active_filters"] = self.filterset.active(self.request.GET)
        # The court and date fields start folded away, also after filtering (the filters in
        # force show as chips above the results, which then start at the top of a phone's
        # screen); only a filter that could not be applied opens them, to be corrected.
        context["filters_open"] = bool(context["problems"])
        return context


class ArticleListView(FilteredArticlesMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    extra_context = {"section": "articles"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Articles")
        context["page_description"] = _(
            "Every published article of the court page, newest first, by court and date."
        )
        if context["active_filters"]:
            context["noindex"] = True
        return context


class SearchView(FilteredArticlesMixin, ListView):
    """The search page, best matches first; its results take the same filters as the list."""

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_queryset(self):
        queryset = super().get_queryset()
        self.query = self.parsed_query()
        if self.query.is_empty:
            return queryset.none()
        return search.ranked(queryset, self.query)

    def parsed_query(self):
        if not self.filterset.is_bound:
            return search.Query()
        form = self.filterset.form
        if not form.is_valid() and "q" in form.errors:
            return search.Query()
        return search.parse_query(form.cleaned_data.get("q"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        has_query = not self.query.is_empty
        context["has_query"] = has_query
        # Something was typed, but no word to look for in it (only signs, or only exclusions).
        context["nothing_to_find"] = not has_query and bool(
            self.filterset.is_bound and self.filterset.form.cleaned_data.get("q")
        )
        context["capped"] = getattr(self.object_list, "capped", False)
        context["candidates"] = search.CANDIDATES
        context["noindex"] = True
        # The words are in the search box already; the other filters get their chips.
        context["active_filters"] = [f for f in context["active_filters"] if f["name"] != "q"]
        context["highlight"] = self.query.marks if has_query else []
        context["section"] = "search"
        context["page_title"] = (
            _("Search: %(query)s") % {"query": self.query} if has_query else _("Search")
        )
        return context


class ContributorDetailView(ReaderPaginationMixin, ListView):
    """A contributor's published articles, newest first, with the roles they had on each."""

    template_name = "articles/contributor_detail.html"
    context_object_name = "articles"
    paginate_by = 20
    canonical_params = ("role",)

    def get_queryset(self):
        self.contributor = get_object_or_404(
            Contributor.objects.published().select_related("court"), pk=self.kwargs["pk"]
        )
        credits = Credit.objects.filter(contributor=self.contributor)
        self.roles = list(
            credits.filter(article__in=Article.objects.published())
            .values("role")
            .annotate(count=Count("article", distinct=True))
            .order_by("role")
        )
        role_names = dict(Credit.Role.choices)
        for row in self.roles:
            row["label"] = role_names.get(row["role"], row["role"])
        self.role = self.request.GET.get("role", "")
        self.role_notice = ""
        if self.role and self.role not in {row["role"] for row in self.roles}:
            self.role_notice = _("There is no such role here; showing every article.")
            self.role = ""
        if self.role:
            credits = credits.filter(role=self.role)
        return (
            Article.objects.published()
            .filter(pk__in=credits.values("article"))
            .for_listing()
            .prefetch_related(
                Prefetch(
                    "credits",
                    queryset=Credit.objects.filter(contributor=self.contributor),
                    to_attr="contributor_credits",
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contributor=self.contributor,
            roles=self.roles,
            role=self.role,
            role_notice=self.role_notice,
            section="articles",
            page_title=self.contributor.name,
            page_description=_("Articles by %(name)s in the Court Special Edition.")
            % {"name": self.contributor.name},
        )
        return context
