"""The statistics page (editors; a city reviewer sees their city) and its exports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.workflow import is_editor, reviewer_city

from .charts import bar_chart
from .counting import Report
from .periods import PeriodForm, this_year
from .tables import TABLES, as_csv, as_xlsx, court_table, person_table


def scope_of(user):
    """(may see, city or None): editors see every court, a city reviewer their city's."""
    if is_editor(user):
        return True, None
    city = reviewer_city(user)
    return city is not None, city


def title_of(start, end, city):
    period = f"{start.isoformat()} — {end.isoformat()}"
    if city is not None:
        return gettext("Statistics of %(city)s, %(period)s") % {
            "city": city.region or city.display_name,
            "period": period,
        }
    return gettext("Statistics, %(period)s") % {"period": period}


def statistics(request):
    allowed, city = scope_of(request.user)
    if not allowed:
        raise PermissionDenied
    form = PeriodForm(request.GET or {"period": "year"})
    start, end = (
        (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else this_year()
    )
    report = Report(start, end, city=city)
    title = title_of(start, end, city)
    export = request.GET.get("export")
    if export == "xlsx":
        response = HttpResponse(
            as_xlsx(report, title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="statistics-{start}-{end}.xlsx"'
        return response
    if export == "csv":
        table = request.GET.get("table", "courts")
        header, rows = TABLES.get(table, court_table)(report)
        response = HttpResponse(as_csv(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="statistics-{table}-{start}-{end}.csv"'
        )
        return response

    if city is None:
        bars = [(row.name, row.points) for row in report.cities]
        by_what = _("Points per city")
    else:
        bars = [(row.name, row.points) for row in report.courts]
        by_what = _("Points per court")
    months = report.months()
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("table", None)
    context = {
        **admin.site.each_context(request),
        "title": title,
        "form": form,
        "report": report,
        "courts": court_table(report),
        "people": person_table(report),
        "chart_cities": bar_chart(by_what, bars),
        "chart_months": bar_chart(_("Pieces per month"), [(m, n) for m, n, _p in months]),
        "chart_titles": (by_what, _("Pieces per month")),
        "query": query.urlencode(),
        "city": city,
    }
    return TemplateResponse(request, "admin/stats/statistics.html", context)
