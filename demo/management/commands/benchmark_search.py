"""
Time the search page on the articles in the database: the view's own time (no network, no page
cache), for a set of one-word queries, first page. A benchmark to run by hand, not a test: see
docs/benchmarks.md for how the published numbers were made.
"""

import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.views.articles import SearchView

QUERIES = (
    "执行",
    "诉源治理",
    "鄂托克旗",
    "枫桥经验",
    "留守儿童",
    "法院",
    "调解",
    "巡回审判",
    "失信被执行人",
    "呼伦贝尔",
)


def percentile(values, fraction):
    """The nearest-rank percentile of ``values`` (fraction 0.95 for p95)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


class Command(BaseCommand):
    help = (
        "Time the search view (server side, first page) for one-word queries on the articles "
        "in the database; report the median and p95 in milliseconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("queries", nargs="*", help="Queries (default: a set of ten).")
        parser.add_argument(
            "--repeat", type=int, default=20, help="Timed runs per query (default 20)."
        )
        parser.add_argument(
            "--warmup",
            type=int,
            default=2,
            help="Untimed runs per query first (default 2, at least 1).",
        )
        parser.add_argument(
            "--no-analyze",
            action="store_true",
            help="Do not refresh PostgreSQL's statistics first (after a bulk load they may lag).",
        )
        parser.add_argument(
            "--explain", action="store_true", help="Show the query plan of each ranking query."
        )

    def handle(self, *args, **options):
        if options["repeat"] < 1 or options["warmup"] < 1:
            raise CommandError("--repeat and --warmup must be at least 1.")
        queries = options["queries"] or QUERIES
        published = Article.objects.published().count()
        if not published:
            raise CommandError("There are no published articles: run generate_demo first.")
        if connection.vendor == "postgresql" and not options["no_analyze"]:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        view = SearchView.as_view()
        factory = RequestFactory()
        self.stdout.write(
            f"{published} published articles ({connection.vendor}); "
            f"{options['repeat']} runs per query after {options['warmup']} untimed."
        )
        self.stdout.write(f"{'query':<12} {'found':>6} {'SQL':>4} {'median':>8} {'p95':>8}")
        everything = []
        for query in queries:
            request = factory.get("/search/", {"q": query}, headers={"host": "localhost"})
            request.user = AnonymousUser()
            with CaptureQueriesContext(connection) as captured:
                view(request).render()
            sql = len(captured)
            for _ in range(options["warmup"] - 1):
                view(request).render()
            timings = []
            for _ in range(options["repeat"]):
                started = time.perf_counter()
                response = view(request)
                response.render()
                timings.append((time.perf_counter() - started) * 1000)
                reset_queries()
            everything.extend(timings)
            found = response.context_data["paginator"].count
            capped = "+" if response.context_data.get("capped") else " "
            self.stdout.write(
                f"{query:<12} {found:>5}{capped} {sql:>4} "
                f"{statistics.median(timings):>6.1f}ms {percentile(timings, 0.95):>6.1f}ms"
            )
            if options["explain"] and connection.vendor == "postgresql":
                self._explain(response)
        self.stdout.write(
            self.style.SUCCESS(
                f"All queries: median {statistics.median(everything):.1f} ms, "
                f"p95 {percentile(everything, 0.95):.1f} ms ({len(everything)} runs)."
            )
        )

    def _explain(self, response):
        results = response.context_data["view"].object_list
        sql, params = results.ranking().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            for (line,) in cursor.fetchall():
                self.stdout.write("    " + line)
