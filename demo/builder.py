"""
Write a demo plan into the database: courts, contributors, editions, then articles in chunks with
their courts, credits, photos and page areas, all with bulk inserts.

Each article's text comes from its own random.Random seeded with (seed, index), so an article does
not depend on the chunk size or on the articles before it.
"""

import datetime
import multiprocessing
import os
import random
import weakref
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Article,
    Contributor,
    Credit,
    Issue,
    PageArea,
    Photo,
    SearchDocument,
    Status,
)
from articles.search import index as search_index
from articles.search.segmentation import segmenter
from courts.models import Court

from . import pictures, texts
from .courts import CITY_PLACES, HIGH_COURT_SLUG, basic_courts
from .people import DEMO_CORRESPONDENT, PARTNER_ORGANISATIONS, roster
from .writer import CourtInfo, byline, write_story

BATCH_SIZE = 500
CHUNK_SIZE = 2000
SEGMENT_BATCH = 250  # articles per task of the segmenting processes
# Which kind of court a story is about.
LEVEL_WEIGHTS = {"high": 8, "intermediate": 30, "basic": 62}
SUBMITTED_AT = datetime.time(16, 0)
REVIEW_NOTE = "请补充案件审理的时间节点和具体数据后再提交。"


def court_levels():
    """(slug, level) of every court of the demo, in tree order, without touching the database."""
    rows = [(HIGH_COURT_SLUG, Court.Level.HIGH)]
    for city_slug in CITY_PLACES:
        rows.append((city_slug, Court.Level.INTERMEDIATE))
        rows.extend(
            (court.slug, Court.Level.BASIC)
            for court in basic_courts()
            if court.parent_slug == city_slug
        )
    return rows


def demo_contributor_names():
    """Every name the demo gives a contributor: its people and its organisations."""
    people = {person.name for person in roster(court_levels())}
    migration_names = Court.objects.filter(slug__in=[slug for slug, _ in court_levels()])
    organisations = set(migration_names.values_list("name", flat=True))
    organisations.update(court.name for court in basic_courts())
    return people | organisations | set(PARTNER_ORGANISATIONS)


def ensure_courts():
    """The court tree as CourtInfo, creating the basic courts that are missing."""
    existing = {court.slug: court for court in Court.objects.all()}
    missing_migration = [slug for slug in [HIGH_COURT_SLUG, *CITY_PLACES] if slug not in existing]
    if missing_migration:
        raise LookupError(
            f"Courts {', '.join(missing_migration)} are missing: run `manage.py migrate` first."
        )
    by_name = {court.name: court for court in existing.values()}
    new = []
    for position, basic in enumerate(basic_courts(), start=100):
        if basic.slug in existing or basic.name in by_name:
            continue
        new.append(
            Court(
                name=basic.name,
                short_name=basic.short_name,
                slug=basic.slug,
                level=Court.Level.BASIC,
                parent=existing[basic.parent_slug],
                region=basic.region,
                aliases="\n".join(basic.aliases),
                position=position,
                path="",
            )
        )
    Court.objects.bulk_create(new, batch_size=BATCH_SIZE)
    # bulk_create skips Court.save(), which keeps the materialised path: set it here.
    for court in new:
        court.path = f"{court.parent.path}{court.pk:0{8}d}/"
    Court.objects.bulk_update(new, ["path"], batch_size=BATCH_SIZE)
    for court in new:
        existing[court.slug] = court
        by_name[court.name] = court

    high = existing[HIGH_COURT_SLUG]
    infos = [
        CourtInfo(
            high.pk,
            high.slug,
            high.name,
            high.short_name,
            high.level,
            "内蒙古",
            "呼和浩特市",
            "",
            "全区法院",
            None,
        )
    ]
    for city_slug, (region, place) in CITY_PLACES.items():
        city = existing[city_slug]
        scope = "全盟两级法院" if region.endswith("盟") else "全市两级法院"
        infos.append(
            CourtInfo(
                city.pk,
                city.slug,
                city.name,
                city.short_name,
                city.level,
                region,
                region,
                place,
                scope,
                city.slug,
            )
        )
    for basic in basic_courts():
        court = existing.get(basic.slug) or by_name[basic.name]
        infos.append(
            CourtInfo(
                court.pk,
                basic.slug,
                court.name,
                court.short_name or basic.short_name,
                Court.Level.BASIC,
                basic.place,
                basic.place,
                basic.dateline_place,
                "全院",
                basic.parent_slug,
            )
        )
    return infos, len(new)


@dataclass
class Cast:
    """The contributors a story can credit, by court."""

    reporters: list  # (pk, name) of the newspaper's own staff
    photographers: list  # news photographers, any court
    by_court: dict  # court slug -> [(pk, name, role)]
    organisations: dict  # court slug -> pk of the court as a contributing organisation
    partners: list  # (pk, name) of bodies that are not courts


def ensure_contributors(courts):
    """Create the roster's people and organisations that are not there yet."""
    court_pk = {court.slug: court.pk for court in courts}
    wanted = [
        (person.name, Contributor.Kind.PERSON, court_pk.get(person.court_slug))
        for person in roster([(court.slug, court.level) for court in courts])
    ]
    wanted += [(court.name, Contributor.Kind.ORGANISATION, court.pk) for court in courts]
    wanted += [(name, Contributor.Kind.ORGANISATION, None) for name in PARTNER_ORGANISATIONS]
    existing = {}
    rows = Contributor.objects.filter(name__in={name for name, _, _ in wanted}).order_by("pk")
    for pk, name, kind, court_id in rows.values_list("pk", "name", "kind", "court_id"):
        existing.setdefault((name, kind, court_id), pk)
    new = [
        Contributor(name=name, kind=kind, court_id=court_id)
        for name, kind, court_id in dict.fromkeys(wanted)
        if (name, kind, court_id) not in existing
    ]
    Contributor.objects.bulk_create(new, batch_size=BATCH_SIZE)
    for contributor in new:
        existing[(contributor.name, contributor.kind, contributor.court_id)] = contributor.pk

    slug_of = {court.pk: court.slug for court in courts}
    cast = Cast([], [], {}, {}, [])
    people = roster([(court.slug, court.level) for court in courts])
    for person in people:
        court_id = court_pk.get(person.court_slug)
        pk = existing[(person.name, Contributor.Kind.PERSON, court_id)]
        if person.court_slug is None:
            target = cast.reporters if person.role == "reporter" else cast.photographers
            target.append((pk, person.name))
        else:
            cast.by_court.setdefault(slug_of[court_id], []).append((pk, person.name, person.role))
    for court in courts:
        cast.organisations[court.slug] = existing[
            (court.name, Contributor.Kind.ORGANISATION, court.pk)
        ]
    cast.partners = [
        (existing[(name, Contributor.Kind.ORGANISATION, None)], name)
        for name in PARTNER_ORGANISATIONS
    ]
    return cast, len(new)


def create_editions(plan, rng):
    """Bulk-create the plan's editions; return them in plan order."""
    editions = []
    for edition in plan.editions:
        quote, attribution = ("", "")
        if rng.random() < 0.3:
            quote, attribution = rng.choice(texts.QUOTES)
        editions.append(
            Issue(
                date=edition.date,
                page_number=edition.page_number,
                title="法院专刊",
                quote=quote,
                quote_attribution=attribution,
                banner=rng.choice(texts.BANNERS) if rng.random() < 0.4 else "",
                page_image=pictures.page_name(edition.size)
                if edition.status == Status.PUBLISHED
                else "",
                status=edition.status,
                publish_at=edition.publish_at,
            )
        )
    return Issue.objects.bulk_create(editions, batch_size=BATCH_SIZE)


class ArticleWriter:
    """Turns article plans into rows: the article, its courts, credits, photos and page area."""

    def __init__(self, seed, courts, cast, editions, plan):
        self.seed = seed
        self.courts = courts
        self.by_level = {level: [c for c in courts if c.level == level] for level in LEVEL_WEIGHTS}
        self.by_slug = {court.slug: court for court in courts}
        self.cast = cast
        self.editions = editions
        self.plan = plan
        self.layouts = {}
        # What the search documents name: courts (with short names and aliases), contributors.
        self.court_names = {
            court.pk: search_index.court_names(court)
            for court in Court.objects.filter(needs_review=False)
        }
        self.contributor_names = dict(
            Contributor.objects.filter(is_active=True).values_list("pk", "name")
        )
        # Loaded here, in this transaction, not by the thread: it sees the new names.
        segmenter.load()
        segmenter.add_words([*self.contributor_names.values()])
        segmenter.add_words([name for names in self.court_names.values() for name in names])
        self.postgresql = connection.vendor == "postgresql"
        self.segmenting = segmenting_pool(len(plan.articles))
        weakref.finalize(self, self.segmenting.shutdown)

    def search_document_input(self, built):
        """What an article's search document is made of: its texts, and the names it gives."""
        row, court_ids, credits, _photos, _area = built
        names = [self.contributor_names.get(pk) for pk, _role in credits]
        for court_id in court_ids:
            names.extend(self.court_names.get(court_id, []))
        texts = {field: getattr(row, field) for field in search_index.INDEXED_FIELDS}
        return texts, [name for name in dict.fromkeys(names) if name]

    def search_documents(self, built):
        """Start making the search documents of ``built``; returns futures, in order."""
        inputs = [self.search_document_input(item) for item in built]
        return [
            self.segmenting.submit(
                make_documents, inputs[start : start + SEGMENT_BATCH], self.postgresql
            )
            for start in range(0, len(inputs), SEGMENT_BATCH)
        ]

    def _court_for(self, rng, article):
        if article.state == "review":  # the signed-in demo correspondent's own draft
            return self.by_slug[DEMO_CORRESPONDENT[1]]
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        return rng.choice(self.by_level[level])

    def _people(self, court):
        people = self.cast.by_court.get(court.slug, [])
        if court.level == Court.Level.BASIC and len(people) < 2:
            people = people + self.cast.by_court.get(court.city_slug, [])
        return people

    def _credits(self, rng, court, article):
        """Byline, end credit and the credits behind them, in printed order."""
        people = self._people(court)
        credits, reporters, correspondents = [], [], []
        if article.state == "review":
            pattern = "correspondent"
            chosen = [person for person in people if person[1] == DEMO_CORRESPONDENT[0]][:1]
        else:
            pattern = rng.choices(
                (
                    "reporter+correspondent",
                    "correspondent",
                    "two correspondents",
                    "reporter",
                    "none",
                ),
                weights=(30, 30, 10, 10, 20),
            )[0]
            chosen = rng.sample(people, k=min(2, len(people)))
        if "reporter" in pattern:
            pk, name = rng.choice(self.cast.reporters)
            reporters.append(name)
            credits.append((pk, Credit.Role.REPORTER))
        if "correspondent" in pattern and chosen:
            take = chosen[:2] if pattern == "two correspondents" else chosen[:1]
            for pk, name, _role in take:
                correspondents.append(name)
                credits.append((pk, Credit.Role.CORRESPONDENT))
        end_credit = ""
        roll = rng.random()
        if pattern == "none" or roll < 0.3:
            if roll < 0.04:
                pk, name = rng.choice(self.cast.partners)
                end_credit = f"({name}供稿)"
                credits.append((pk, Credit.Role.ORGANISATION))
            elif roll < 0.6 or not people:
                end_credit = f"({court.name}供稿)"
                credits.append((self.cast.organisations[court.slug], Credit.Role.ORGANISATION))
            else:
                authors = rng.sample(people, k=min(len(people), rng.choice((1, 1, 1, 2))))
                end_credit = "(" + " ".join(name for _, name, _ in authors) + ")"
                credits.extend((pk, Credit.Role.AUTHOR) for pk, _, _ in authors)
        text = byline(reporters, correspondents, staff_correspondent=rng.random() < 0.5)
        return text, end_credit, credits

    def _photographer(self, rng, court):
        people = [person for person in self._people(court) if person[2] == "photographer"]
        if people and rng.random() < 0.6:
            pk, name, _ = rng.choice(people)
            return pk, name
        return rng.choice(self.cast.photographers + [person[:2] for person in self._people(court)])

    def build(self, article):
        rng = random.Random(f"{self.seed}:article:{article.index}")
        court = self._court_for(rng, article)
        story = write_story(rng, court, article.date)
        text_byline, end_credit, credits = self._credits(rng, court, article)
        edition = self.editions[article.edition] if article.edition is not None else None
        row = Article(
            issue=edition,
            position=article.position,
            kicker=story.kicker,
            headline=story.headline,
            subtitle=story.subtitle,
            byline=text_byline,
            dateline=story.dateline,
            body=story.body,
            summary=story.summary,
            end_credit=end_credit,
            status=article.status,
            publish_at=article.publish_at,
            slug=slugify(story.headline, allow_unicode=True)[:120] or "article",
            review_note=REVIEW_NOTE if article.state == "draft" and article.position == 1 else "",
        )
        if article.state == "review":
            day = article.date - datetime.timedelta(days=1)
            row.submitted_at = datetime.datetime.combine(
                day, SUBMITTED_AT, tzinfo=timezone.get_current_timezone()
            )
        court_ids = [court.pk]
        if court.level == Court.Level.BASIC and rng.random() < 0.25:
            court_ids.append(self.by_slug[court.city_slug].pk)
        if court.level != Court.Level.HIGH and rng.random() < 0.05:
            court_ids.append(self.by_slug["inner-mongolia-high"].pk)

        photos = []
        if rng.random() < 0.3:
            count = 1 if rng.random() < 0.85 else rng.randint(2, 3)
            for position in range(count):
                photographer = self._photographer(rng, court) if rng.random() < 0.6 else None
                caption = story.captions[position % len(story.captions)]
                photos.append((story.scene, caption, photographer, position))
                if photographer and (photographer[0], Credit.Role.PHOTOGRAPHER) not in credits:
                    credits.append((photographer[0], Credit.Role.PHOTOGRAPHER))

        area = None
        if edition is not None and edition.page_image:
            size = self.plan.editions[article.edition].size
            layout = self.layouts.setdefault(size, pictures.page_layout(size))
            area = layout[article.position - 1]
        return row, court_ids, credits, photos, area


def make_documents(inputs, postgresql):
    """Search documents (without their articles' ids) from (texts, names) pairs."""
    return [
        search_index.build_document(**texts, names=names, postgresql=postgresql)
        for texts, names in inputs
    ]


class _Inline:
    """An executor that runs at once, for small runs: no process worth starting."""

    def submit(self, function, *args):
        future = Future()
        future.set_result(function(*args))
        return future

    def shutdown(self):
        pass


def segmenting_pool(articles):
    """
    Where search documents are made. Segmenting is Python work and the inserts mostly wait for
    the database: on a large run the documents of a chunk are made in other processes (forked
    after the dictionary is loaded, so they need no database) while its rows are written.
    """
    workers = min(4, os.cpu_count() or 1)
    if articles < CHUNK_SIZE:
        return _Inline()
    if workers >= 1 and "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")


def create_articles(writer, plans):
    """Bulk-create one chunk of articles and everything attached to them; return the counts."""
    built = [writer.build(article) for article in plans]
    pending = writer.search_documents(built)
    rows = Article.objects.bulk_create([item[0] for item in built], batch_size=BATCH_SIZE)
    through = Article.courts.through
    links, credits, photos, areas = [], [], [], []
    for row, (_, court_ids, credit_rows, photo_rows, area) in zip(rows, built, strict=True):
        links.extend(through(article_id=row.pk, court_id=court_id) for court_id in court_ids)
        seen = set()
        for position, (contributor_id, role) in enumerate(credit_rows):
            if (contributor_id, role) in seen:
                continue
            seen.add((contributor_id, role))
            credits.append(
                Credit(
                    article_id=row.pk, contributor_id=contributor_id, role=role, position=position
                )
            )
        for scene, caption, photographer, position in photo_rows:
            photos.append(
                Photo(
                    article_id=row.pk,
                    image=pictures.photo_name(scene),
                    caption=caption,
                    alt_text=texts.SCENE_ALT[scene],
                    photographer_id=photographer[0] if photographer else None,
                    position=position,
                )
            )
        if area is not None:
            left, top, width, height = area
            areas.append(
                PageArea(article_id=row.pk, left=left, top=top, width=width, height=height)
            )
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    Credit.objects.bulk_create(credits, batch_size=BATCH_SIZE)
    Photo.objects.bulk_create(photos, batch_size=BATCH_SIZE)
    PageArea.objects.bulk_create(areas, batch_size=BATCH_SIZE)
    documents = [document for future in pending for document in future.result()]
    for row, document in zip(rows, documents, strict=True):
        document.article_id = row.pk
    SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    return {
        "articles": len(rows),
        "credits": len(credits),
        "photos": len(photos),
        "areas": len(areas),
    }


def flush():
    """Delete the demo's content; keep the courts (production data, loaded by migrations) and
    real sign-ins."""
    # Everything goes: no search document to keep up to date on the way (and deletes stay fast).
    with search_index.paused():
        return _flush()


def _flush():
    counts = {
        # First and by id alone: cascading from the articles would load every vector.
        "search documents": SearchDocument.objects.only("pk").delete()[0],
        "page areas": PageArea.objects.all().delete()[0],
        "photos": Photo.objects.all().delete()[0],
        "credits": Credit.objects.all().delete()[0],
    }
    Article.courts.through.objects.all().delete()
    counts["articles"] = Article.objects.only("pk").delete()[1].get(Article._meta.label, 0)
    counts["editions"] = Issue.objects.only("pk").delete()[1].get(Issue._meta.label, 0)
    contributors = Contributor.objects.filter(name__in=demo_contributor_names(), user__isnull=True)
    counts["contributors"] = contributors.delete()[1].get(Contributor._meta.label, 0)
    return counts
