"""
Staff previews: an article or edition in any state, rendered with the public templates, exactly
as readers will see it. Never cached, never indexed; what a user may preview is ``visible_to()``.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from ..models import Article, Issue
from .articles import article_detail_queryset, article_page_context
from .editions import issue_page_context

preview_only = [never_cache, login_required(login_url="admin:login")]


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@method_decorator(preview_only, name="dispatch")
class ArticlePreviewView(View):
    def get(self, request, pk):
        visible = Article.objects.visible_to(request.user)
        article = get_object_or_404(article_detail_queryset(visible), pk=pk)
        context = {"article": article, "object": article, "preview": True}
        context.update(article_page_context(article, request, visible))
        return _noindex(render(request, "articles/article_detail.html", context))


@method_decorator(preview_only, name="dispatch")
class IssuePreviewView(View):
    def get(self, request, pk):
        issue = get_object_or_404(Issue.objects.visible_to(request.user), pk=pk)
        context = {"issue": issue, "object": issue, "preview": True}
        context.update(issue_page_context(issue, Article.objects.visible_to(request.user)))
        return _noindex(render(request, "articles/issue_detail.html", context))
