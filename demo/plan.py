"""
The calendar of the demo: which editions exist, which articles sit on which page, and when each is
published. Pure Python, decided by the seed alone, so the same seed gives the same plan.

Editions come out on Fridays, weekly or less often, one page on most dates and two on some, with
five to seven stories a page. They go back at most ``years``; articles that do not fit on those
pages (at large N) are web-only, spread over the same years, as a court system's website carries
far more stories than its weekly page. A handful of articles are left in the other states so that
editors see each of them: drafts on a next page in preparation, one submitted for review, one
scheduled for the future and one withdrawn.
"""

import datetime
import random
from dataclasses import dataclass

from articles.models import Status

FRIDAY = 4
EDITION_TIME = datetime.time(6, 0)
WEB_SHARE = 0.05  # of published articles, web-only even when the pages could hold them
PAGE_SIZES = (4, 5, 5, 6, 6, 6, 7, 7, 8)
# The other states, in the order they are kept when N is small.
SPECIAL_STATES = ("review", "scheduled", "withdrawn", "draft", "draft", "draft")


@dataclass
class EditionPlan:
    date: datetime.date
    page_number: int
    status: str
    publish_at: datetime.datetime | None
    size: int = 0  # stories on the page


@dataclass
class ArticlePlan:
    index: int
    status: str
    publish_at: datetime.datetime | None
    date: datetime.date  # the day the story is dated, for its text
    edition: int | None = None  # index into Plan.editions
    position: int = 0
    state: str = "published"  # or one of SPECIAL_STATES


@dataclass
class Plan:
    editions: list
    articles: list

    def count(self, **filters):
        return sum(
            all(getattr(article, key) == value for key, value in filters.items())
            for article in self.articles
        )


def _at(date, time, tz):
    return datetime.datetime.combine(date, time, tzinfo=tz)


def _last_friday_before(day):
    back = (day.weekday() - FRIDAY) % 7 or 7
    return day - datetime.timedelta(days=back)


def _pages(rng, wanted, until, years):
    """Printed pages, newest first, until ``wanted`` stories have a place or the years run out."""
    floor = until - datetime.timedelta(days=round(365.25 * years))
    pages, placed, date = [], 0, _last_friday_before(until)
    while placed < wanted and date >= floor:
        page_numbers = (5, 6) if rng.random() < 0.2 else (rng.choice((5, 5, 7, 8)),)
        for page_number in reversed(page_numbers):
            if placed >= wanted:
                break
            size = min(rng.choice(PAGE_SIZES), wanted - placed)
            pages.append((date, page_number, size))
            placed += size
        date -= datetime.timedelta(weeks=rng.choices((1, 2, 3), weights=(70, 25, 5))[0])
    pages.reverse()
    return pages


def make_plan(n, seed, until, years, tz):
    """The plan for ``n`` articles; ``until`` is the first day after the archive (today)."""
    rng = random.Random(f"{seed}:plan")
    specials = list(SPECIAL_STATES[: max(0, min(len(SPECIAL_STATES), n // 5))])
    published = n - len(specials)
    web_only = round(published * WEB_SHARE)
    pages = _pages(rng, published - web_only, until, years)
    in_print = sum(size for _, _, size in pages)
    web_only = published - in_print

    editions, dated = [], []
    for date, page_number, size in pages:
        publish_at = _at(date, EDITION_TIME, tz)
        editions.append(EditionPlan(date, page_number, Status.PUBLISHED, publish_at, size))
        for position in range(1, size + 1):
            # A minute apart, the lead story last: "newest first" lists show print order.
            at = publish_at + datetime.timedelta(minutes=10 - position)
            dated.append((at, len(editions) - 1, position))

    first_day = pages[0][0] if pages else until - datetime.timedelta(days=30)
    span_days = max((until - first_day).days - 1, 1)
    for _ in range(web_only):
        day = first_day + datetime.timedelta(days=rng.randrange(span_days))
        at = _at(day, datetime.time(rng.randint(8, 19), rng.randrange(60)), tz)
        dated.append((at, None, 0))
    dated.sort(key=lambda row: (row[0], row[1] is None, row[2]))

    articles = [
        ArticlePlan(index, Status.PUBLISHED, at, at.date(), edition, position)
        for index, (at, edition, position) in enumerate(dated)
    ]
    _add_specials(articles, editions, specials, until, tz)
    return Plan(editions, articles)


def _add_specials(articles, editions, specials, until, tz):
    today = datetime.datetime.now(tz).date()
    next_friday = _last_friday_before(until) + datetime.timedelta(weeks=1)
    draft_edition = None
    for state in specials:
        index = len(articles)
        if state == "draft":
            if draft_edition is None:
                editions.append(EditionPlan(next_friday, 5, Status.DRAFT, None))
                draft_edition = len(editions) - 1
            editions[draft_edition].size += 1
            articles.append(
                ArticlePlan(
                    index,
                    Status.DRAFT,
                    None,
                    next_friday,
                    draft_edition,
                    editions[draft_edition].size,
                    state,
                )
            )
        elif state == "review":
            articles.append(ArticlePlan(index, Status.REVIEW, None, until, state=state))
        elif state == "scheduled":
            # In the future even when an old --until is given.
            day = max(until, today) + datetime.timedelta(days=2)
            at = _at(day, datetime.time(9, 0), tz)
            articles.append(ArticlePlan(index, Status.PUBLISHED, at, day, state=state))
        elif state == "withdrawn":
            day = until - datetime.timedelta(days=9)
            at = _at(day, datetime.time(10, 30), tz)
            articles.append(ArticlePlan(index, Status.WITHDRAWN, at, day, state=state))
