"""
The counting engine: pieces, points and workflow steps per city, court and person in a period.

The rules (issue "稿件统计"):
- A piece counts in a period by its public date: its edition's date when printed, its publish
  date when web only. Only public pieces count (``Article.objects.published()``).
- It counts once for every court credited on it: the court each credited person worked at when
  the piece was published (kept on the credit; the contributor's court for a credit added later)
  and each credited organisation that is a court. A city's total counts a piece once, however
  many of its courts are credited.
- It counts once for every credited person (any role but organisation).
- Points come from the PointsScheme version applying on the public date: printed, web only, and
  the lead story (an article an editor marked, else the first article of its printed page)
  times the multiplier. Every credited court and person gets the piece's full points.
- Photos are a column of their own, per photographer and their court.

Everything is read in a fixed number of queries, whatever the period: see ``Report.load``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Count, F, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from articles.models import Article, Credit, Photo, WorkflowStep
from courts.models import Court

from .models import PointsScheme

SUBMITTED = ("submit",)
SENT_BACK = ("send_back", "city_send_back")
FORWARDED = ("forward",)
PUBLISHED_STEP = ("publish",)

DEFAULT_SCHEME = PointsScheme(applies_from=datetime.date(2000, 1, 1))


@dataclass
class Row:
    """One line of a table: a city, a court or a person, and its numbers."""

    key: object
    name: str
    court: str = ""
    city: str = ""
    submitted: int = 0
    sent_back: int = 0
    forwarded: int = 0
    printed: int = 0
    led: int = 0
    web: int = 0
    photos: int = 0
    points: float = 0
    rank: int = 0
    courts: list = field(default_factory=list)  # a city's own courts, in tree order

    @property
    def pieces(self):
        return self.printed + self.web

    def add_piece(self, piece):
        if piece.printed:
            self.printed += 1
            self.led += piece.led
        else:
            self.web += 1
        self.points += piece.points

    def is_empty(self):
        return not any((self.submitted, self.sent_back, self.forwarded, self.pieces, self.photos))


@dataclass
class Piece:
    pk: int
    day: datetime.date
    printed: bool
    led: bool
    points: float


def public_day():
    """A public piece's date: its edition's date when printed, else its (local) publish date."""
    return Coalesce(
        F("issue__date"), TruncDate("publish_at", tzinfo=timezone.get_current_timezone())
    )


def lead_of_page():
    """The pk of the lead story of an article's printed page: one an editor marked, else the
    first public article of the page."""
    return Subquery(
        Article.objects.published()
        .filter(issue=OuterRef("issue"))
        .order_by("-leads_page", "position", "pk")
        .values("pk")[:1]
    )


def rank(rows):
    """Competition ranking by points (1, 2, 2, 4), then by pieces."""
    ordered = sorted(rows, key=lambda row: (-row.points, -row.pieces, row.name))
    previous, position = None, 0
    for index, row in enumerate(ordered, start=1):
        if row.points != previous:
            position, previous = index, row.points
        row.rank = position
    return ordered


class Report:
    """The statistics of the period ``start``..``end`` (dates, both included), optionally of
    one city (a city reviewer's): ``cities`` (each with its ``courts``), ``courts``, ``people``,
    ``months`` (pieces and points per month) and ``steps_since`` (the first step recorded)."""

    def __init__(self, start, end, city=None):
        self.start, self.end, self.city = start, end, city
        self.load()

    # --- Reading ------------------------------------------------------------------------------

    def load(self):
        courts = list(Court.objects.order_by("path"))  # 1
        self._courts = {court.pk: court for court in courts}
        schemes = list(PointsScheme.objects.order_by("applies_from"))  # 2
        public = (
            Article.objects.published()
            .annotate(day=public_day())
            .filter(day__gte=self.start, day__lte=self.end)
        )
        pieces = {}
        for pk, day, issue_id, lead_pk in public.annotate(lead_pk=lead_of_page()).values_list(
            "pk", "day", "issue_id", "lead_pk"
        ):  # 3
            printed = issue_id is not None
            led = printed and lead_pk == pk
            scheme = self._scheme(schemes, day)
            pieces[pk] = Piece(pk, day, printed, led, scheme.points(printed, led))
        self.pieces = pieces
        credits = (
            Credit.objects.filter(article__in=public.values("pk"))
            .annotate(court_then=Coalesce("court", "contributor__court"))
            .values_list("article_id", "contributor_id", "contributor__name", "role", "court_then")
        )  # 4
        # A photographer's court when the piece was published: their credit's, if they have one.
        court_then = Subquery(
            Credit.objects.filter(
                article=OuterRef("article"),
                contributor=OuterRef("photographer"),
                court__isnull=False,
            ).values("court")[:1]
        )
        photos = (
            Photo.objects.filter(article__in=public.values("pk"))
            .annotate(
                court_then=Coalesce(
                    court_then, "photographer__court", output_field=BigIntegerField()
                )
            )
            .values("photographer_id", "photographer__name", "court_then")
            .annotate(n=Count("pk"))
            .order_by()
        )  # 5
        start = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        end = timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )
        steps = (
            WorkflowStep.objects.filter(at__gte=start, at__lt=end)
            .filter(name__in=SUBMITTED + SENT_BACK + FORWARDED)
            .values(
                "name",
                "court",
                "article__submitted_by__contributor",
                "article__submitted_by__contributor__name",
                "article__submitted_by__contributor__court",
            )
            .annotate(n=Count("pk"))
            .order_by()
        )  # 6
        self.steps_since = WorkflowStep.objects.aggregate(first=Min("at"))["first"]  # 7
        self._count(list(credits), list(photos), list(steps))

    @staticmethod
    def _scheme(schemes, day):
        chosen = DEFAULT_SCHEME
        for scheme in schemes:
            if scheme.applies_from <= day:
                chosen = scheme
        return chosen

    # --- Counting -----------------------------------------------------------------------------

    def city_of(self, court_id):
        """The city (intermediate) court a court belongs to, or the court itself when it sits
        under no city (the high court, a special court)."""
        court = self._courts.get(court_id)
        while court is not None and court.level == Court.Level.BASIC and court.parent_id:
            court = self._courts.get(court.parent_id)
        return court

    def _in_scope(self, court_id):
        if self.city is None:
            return True
        city = self.city_of(court_id)
        return city is not None and city.pk == self.city.pk

    def _count(self, credits, photos, steps):
        court_rows, city_rows, person_rows = {}, {}, {}

        def court_row(court_id):
            if court_id not in court_rows:
                court = self._courts[court_id]
                city = self.city_of(court_id)
                court_rows[court_id] = Row(court_id, court.display_name, city=city.display_name)
            return court_rows[court_id]

        def city_row(court_id):
            city = self.city_of(court_id)
            if city.pk not in city_rows:
                city_rows[city.pk] = Row(city.pk, city.region or city.display_name)
            return city_rows[city.pk]

        def person_row(contributor_id, name, court_id):
            if contributor_id not in person_rows:
                court = self._courts.get(court_id)
                person_rows[contributor_id] = Row(
                    contributor_id, name, court=court.display_name if court else ""
                )
            return person_rows[contributor_id]

        courts_of_piece, cities_of_piece, people_of_piece = (defaultdict(set) for _ in "abc")
        for article_id, contributor_id, name, role, court_id in credits:
            if court_id is not None and self._in_scope(court_id):
                courts_of_piece[article_id].add(court_id)
                cities_of_piece[article_id].add(self.city_of(court_id).pk)
            if role != Credit.Role.ORGANISATION:
                if self.city is not None and not (court_id and self._in_scope(court_id)):
                    continue
                person_row(contributor_id, name, court_id)
                people_of_piece[article_id].add(contributor_id)
        for article_id, court_ids in courts_of_piece.items():
            piece = self.pieces[article_id]
            for court_id in court_ids:
                court_row(court_id).add_piece(piece)
            for court_id in {self._city_court(c) for c in court_ids}:
                city_row(court_id).add_piece(piece)
        for article_id, contributor_ids in people_of_piece.items():
            for contributor_id in contributor_ids:
                person_rows[contributor_id].add_piece(self.pieces[article_id])

        for photo in photos:
            court_id, n = photo["court_then"], photo["n"]
            if photo["photographer_id"] is None:
                continue
            if court_id is not None and self._in_scope(court_id):
                court_row(court_id).photos += n
                city_row(court_id).photos += n
            elif self.city is not None:
                continue
            person_row(photo["photographer_id"], photo["photographer__name"], court_id).photos += n

        for step in steps:
            column = (
                "submitted"
                if step["name"] in SUBMITTED
                else "sent_back"
                if step["name"] in SENT_BACK
                else "forwarded"
            )
            court_id = step["court"]
            if court_id is not None and self._in_scope(court_id):
                for row in (court_row(court_id), city_row(court_id)):
                    setattr(row, column, getattr(row, column) + step["n"])
            # Per person: the steps of the pieces they submitted (their author's).
            contributor_id = step["article__submitted_by__contributor"]
            if contributor_id is None or not (court_id is None or self._in_scope(court_id)):
                continue
            if self.city is not None and court_id is None:
                continue
            row = person_row(
                contributor_id,
                step["article__submitted_by__contributor__name"],
                step["article__submitted_by__contributor__court"],
            )
            setattr(row, column, getattr(row, column) + step["n"])

        self.counted_ids = (
            set(self.pieces) if self.city is None else set(courts_of_piece) | set(people_of_piece)
        )
        self.courts = rank(court_rows.values())
        self.cities = rank(city_rows.values())
        self.people = rank(person_rows.values())
        by_city = defaultdict(list)
        for row in sorted(court_rows.values(), key=lambda row: self._courts[row.key].path):
            by_city[self.city_of(row.key).pk].append(row)
        for row in self.cities:
            row.courts = by_city[row.key]

    def _city_court(self, court_id):
        return self.city_of(court_id).pk

    # --- Charts -------------------------------------------------------------------------------

    def months(self):
        """(month "2026-03", pieces, points) for every month of the period, pieces counted
        once each (in scope: credited to the city's courts)."""
        counted = defaultdict(lambda: [0, 0])
        for piece in self.pieces.values():
            if piece.pk in self.counted_ids:
                month = counted[piece.day.strftime("%Y-%m")]
                month[0] += 1
                month[1] += piece.points
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            key = day.strftime("%Y-%m")
            result.append((key, *counted.get(key, (0, 0))))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return result
