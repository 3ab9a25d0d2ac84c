"""The public list of corrections, newest first, and the corrections policy."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.generic import ListView

from newsroom.pagination import ReaderPaginationMixin

from .models import Correction, CorrectionsPolicy


class CorrectionListView(ReaderPaginationMixin, ListView):
    template_name = "corrections/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 20

    def get_queryset(self):
        return Correction.objects.public().select_related("article__issue").order_by("-date", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Corrections")
        context["page_description"] = _(
            "Every correction and clarification of the court page's articles, newest first."
        )
        return context


def policy(request):
    page = get_object_or_404(CorrectionsPolicy.objects.order_by("pk")[:1])
    paragraphs = [p.strip() for p in page.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return render(
        request,
        "corrections/policy.html",
        {"policy": page, "paragraphs": paragraphs, "page_title": page.title},
    )
