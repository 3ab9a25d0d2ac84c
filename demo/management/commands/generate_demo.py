"""
Fill the database with realistic demo content: editions, articles, courts, contributors, credits,
photos and page areas. Deterministic for a given --seed (and --until date).
"""

import datetime
import random
import time

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from django.utils import timezone
from tqdm import tqdm

from articles import court_counts
from articles.models import Issue, Status
from articles.search import index as search_index
from articles.search.segmentation import bump_dictionary_version
from demo import builder, pictures
from demo.plan import make_plan
from newsroom.generation import bump_content_generation
from newsroom.statistics import analyze


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--until must be a date like 2025-06-27, not {value!r}.") from error


def content_models():
    """The models generate_demo fills, their many-to-many tables included."""
    return [
        model
        for label in ("courts", "articles")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


class Command(BaseCommand):
    help = (
        "Fill the database with realistic demo editions, articles, courts and contributors. "
        "The same --seed and --until give the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=80, help="How many articles to create (default 80)."
        )
        parser.add_argument("--seed", default="1", help="Seed for the content (default 1).")
        parser.add_argument(
            "--until",
            type=iso_date,
            help="The archive ends the day before this date (default today).",
        )
        parser.add_argument(
            "--years",
            type=int,
            default=20,
            help="How far back printed editions go at most (default 20); "
            "articles beyond the pages are web-only.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has editions.",
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete editions, articles and the demo's contributors first (courts stay).",
        )
        parser.add_argument("--force", action="store_true", help="Allow --flush when DEBUG is off.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be done; change nothing."
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        count = options["articles"]
        if count < 1:
            raise CommandError("--articles must be at least 1.")
        if options["flush"] and options["if_empty"]:
            raise CommandError("--flush and --if-empty contradict each other; use one.")
        if options["flush"] and not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to --flush with DEBUG off: this looks like a production database. "
                "Add --force if you really mean to delete its editions and articles."
            )
        today = timezone.localdate()
        until = options["until"] or today
        if until > today:
            raise CommandError("--until cannot be in the future.")

        has_editions = Issue.objects.exists()
        if options["if_empty"] and has_editions:
            self._say(1, "The database already has editions; no demo content added.")
            return
        if has_editions and not options["flush"]:
            raise CommandError(
                "The database already has editions. Use --flush to replace them "
                "or --if-empty to leave them."
            )

        plan = make_plan(
            count, options["seed"], until, options["years"], timezone.get_current_timezone()
        )
        if options["dry_run"]:
            self._describe(plan, options)
            return

        started = time.monotonic()
        with transaction.atomic():
            if options["flush"]:
                deleted = builder.flush()
                self._say(1, "Deleted " + ", ".join(f"{n} {what}" for what, n in deleted.items()))
            totals = self._generate(plan, options)
            # Bulk inserts send no signals: count the new articles in the court tallies.
            court_counts.rebuild()
        # Bulk inserts send no signals: tell the page cache that the content changed, and every
        # process that courts and contributors may have been added (words of search queries).
        bump_content_generation()
        bump_dictionary_version()
        # Autovacuum may be off or late: without statistics the new rows' tables look empty to
        # PostgreSQL's planner, and searches take seconds until it comes round.
        analyze(content_models())
        elapsed = time.monotonic() - started
        self._say(
            1,
            self.style.SUCCESS(
                f"Created {totals['editions']} editions and {totals['articles']} articles "
                f"({totals['credits']} credits, {totals['photos']} photos, "
                f"{totals['areas']} page areas; {totals['courts']} basic courts and "
                f"{totals['contributors']} contributors added) in {elapsed:.1f} s."
            ),
        )

    def _generate(self, plan, options):
        try:
            courts, new_courts = builder.ensure_courts()
        except LookupError as error:
            raise CommandError(str(error)) from error
        cast, new_contributors = builder.ensure_contributors(courts)
        pictures.ensure_files(default_storage)
        editions = builder.create_editions(plan, random.Random(f"{options['seed']}:editions"))
        writer = builder.ArticleWriter(options["seed"], courts, cast, editions, plan)
        totals = {"articles": 0, "credits": 0, "photos": 0, "areas": 0}
        with (
            tqdm(
                total=len(plan.articles),
                unit=" articles",
                disable=options["verbosity"] < 1,
                desc="Generating",
            ) as progress,
            search_index.index_built_after(large=len(plan.articles) >= builder.CHUNK_SIZE),
        ):
            for start in range(0, len(plan.articles), builder.CHUNK_SIZE):
                chunk = plan.articles[start : start + builder.CHUNK_SIZE]
                for key, value in builder.create_articles(writer, chunk).items():
                    totals[key] += value
                # With DEBUG on, Django keeps every query's SQL: megabytes per bulk insert.
                reset_queries()
                progress.update(len(chunk))
        totals.update(editions=len(editions), courts=new_courts, contributors=new_contributors)
        return totals

    def _describe(self, plan, options):
        if options["flush"]:
            self.stdout.write("Would delete every edition and article, and the demo contributors.")
        published = plan.count(status=Status.PUBLISHED, state="published")
        web_only = sum(1 for a in plan.articles if a.state == "published" and a.edition is None)
        states = ", ".join(
            f"{plan.count(state=state)} {state}"
            for state in ("draft", "review", "scheduled", "withdrawn")
        )
        first = plan.editions[0].date if plan.editions else None
        self.stdout.write(
            f"Would create {len(plan.editions)} editions (from {first}) and "
            f"{len(plan.articles)} articles: {published} published ({web_only} web-only), {states}."
        )

    def _say(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)
