"""Pagination of the public lists: a bad page number gives a notice on a normal page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .generation import cached_value


class CountCachedPaginator(Paginator):
    """
    A paginator whose count is kept in the data cache under ``count_key`` while the content is
    unchanged: counting a list of the whole archive reads every row of it, the page itself only
    the newest few.
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_value(self.count_key, lambda: Paginator.count.func(self))


class ReaderPaginationMixin:
    """
    For ListView: ``?page=abc`` shows the first page and ``?page=999`` the last, each with a
    notice (``page_notice`` in the context) instead of Django's 404. The count and the slice both
    run in the database.
    """

    paginator_class = CountCachedPaginator
    # The parameters that make another list (filters): kept in the page's canonical address, so
    # that a shared link (og:url) is the list the reader saw. Others (a tracking tag) are not.
    canonical_params = ()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # The list is what the path and the parameters (less the page number) say it is.
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        key = f"count:{type(self).__name__}:{self.request.path}?{params.urlencode()}"
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=key,
            **kwargs,
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=True,
        )
        raw = self.request.GET.get(self.page_kwarg) or "1"
        self.page_notice = ""
        try:
            number = paginator.num_pages if raw == "last" else paginator.validate_number(raw)
        except PageNotAnInteger:
            number = 1
            self.page_notice = _("There is no page “%(page)s”; this is the first page.") % {
                "page": raw[:20]
            }
        except EmptyPage:
            too_low = raw.lstrip().startswith("-") or raw.strip() == "0"
            number = 1 if too_low else paginator.num_pages
            self.page_notice = _("There is no page %(page)s; this is page %(number)s.") % {
                "page": raw[:20],
                "number": number,
            }
        page = paginator.page(number)
        return (paginator, page, page.object_list, page.has_other_pages())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = getattr(self, "page_notice", "")
        params = QueryDict(mutable=True)
        for name in self.canonical_params:
            if self.request.GET.get(name):
                params[name] = self.request.GET[name]
        page = context.get("page_obj")
        if page is not None and page.number > 1:
            params[self.page_kwarg] = page.number
        if params:
            context["canonical_path"] = f"{self.request.path}?{params.urlencode()}"
        return context
