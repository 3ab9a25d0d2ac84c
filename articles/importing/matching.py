"""
Finding the courts an article names, and the contributors a page credits.

Courts are found by every name the database knows for them (Court.names: name, short name,
aliases) and, for basic courts, by the banner, county or district in the name ("鄂托克旗人民法院",
"科左中旗法院", "呼和浩特市新城区人民法院"), looked up in ``places``. A basic court that is not in
the database yet is created under its city court, flagged for an editor's review. Names inside
《》 are titles of documents, not courts taking part, and are passed over.
"""

import re
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from courts.models import Court

from ..models import Contributor
from . import places
from .text import CJK

BOOK_TITLE = re.compile(r"《[^《》]*》")
NOT_IN_A_PLACE = ("法院", "人民", "中级", "和", "与", "及", "、")


@dataclass
class NewCourt:
    """A basic court named in a text and not in the database yet."""

    name: str
    city: Court
    unit: str
    printed: str


class CourtFinder:
    """Court names in a text → Court rows, creating the basic courts not yet known."""

    def __init__(self):
        self.created = []
        self.courts = list(Court.objects.all())
        cities = [c for c in self.courts if c.level == Court.Level.INTERMEDIATE and c.region]
        self.city_by_region = {city.region: city for city in cities}
        self.city_by_stem = {places.region_stem(city.region): city for city in cities}
        self.unit_region = {}
        self.unit_of = {}
        for region, units in places.UNITS.items():
            for unit in units:
                self.unit_region[unit] = region
                for form in [unit, *places.SHORT_FORMS.get(unit, [])]:
                    self.unit_of[form] = unit
        city_names = _alternation(self.city_by_stem)
        self.place_re = re.compile(
            rf"(?:(?P<city>{city_names})(?:市|盟)?)?(?P<unit>{_alternation(self.unit_of)})"
            rf"(?:人民)?法院"
        )
        self.generic_re = re.compile(
            rf"(?P<city>{city_names})(?:市|盟)(?P<unit>[{CJK}]{{1,10}}?(?:旗|县|区|市))人民法院"
        )
        self._index()

    def _index(self):
        self.by_name = {}
        for court in self.courts:
            for name in court.names:
                self.by_name.setdefault(name, court)
        self.known_re = re.compile(_alternation(self.by_name)) if self.by_name else None

    def find(self, text):
        """The courts ``text`` names, in order of first mention, as Court rows."""
        text = BOOK_TITLE.sub(lambda match: " " * len(match.group()), text)
        found = []  # (position, court or NewCourt)
        taken = []
        for match in self.place_re.finditer(text):
            unit = self.unit_of[match["unit"]]
            region = self.unit_region[unit]
            if match["city"]:  # "赤峰市…" says where it is, even against the list
                region = self.city_by_stem[match["city"]].region
            city = self.city_by_region.get(region)
            if city is None:
                continue
            name = places.court_name(region, unit)
            found.append((match.start(), self._known(name, match.group(), unit, region, city)))
            taken.append(match.span())
        for match in self.generic_re.finditer(text):
            unit = match["unit"]
            if _overlaps(match.span(), taken) or any(bad in unit for bad in NOT_IN_A_PLACE):
                continue
            city = self.city_by_stem[match["city"]]
            name = places.court_name(city.region, unit)
            found.append((match.start(), self._known(name, match.group(), unit, city.region, city)))
            taken.append(match.span())
        if self.known_re is not None:
            for match in self.known_re.finditer(text):
                if not _overlaps(match.span(), taken):
                    found.append((match.start(), self.by_name[match.group()]))
        courts = []
        for _position, court in sorted(found, key=lambda item: item[0]):
            if isinstance(court, NewCourt):
                court = self.by_name.get(court.name) or self._create(court)
            if court not in courts:
                courts.append(court)
        return courts

    def court_named(self, name):
        """The court that ``name`` is, as a whole (for 供稿 credits), or None."""
        text = BOOK_TITLE.sub("", name)
        if text in self.by_name:
            return self.by_name[text]
        for pattern in (self.place_re, self.generic_re):
            if pattern.fullmatch(text):
                courts = self.find(text)
                return courts[0] if courts else None
        return None

    def _known(self, name, printed, unit, region, city):
        for candidate in (name, printed, f"{unit}人民法院", f"{region}{unit}人民法院"):
            if candidate in self.by_name:
                return self.by_name[candidate]
        return NewCourt(name, city, unit, printed)

    def _create(self, new):
        stored = Court.objects.filter(name=new.name).first()  # added since this finder was made
        if stored is not None:
            self.courts.append(stored)
            self._index()
            return stored
        aliases = {new.printed, f"{new.unit}人民法院", f"{new.city.region}{new.unit}人民法院"}
        aliases.discard(new.name)
        short_name = "" if new.unit.endswith("区") else f"{new.unit}法院"
        aliases.discard(short_name)
        siblings = [c.position for c in self.courts if c.parent_id == new.city.pk]
        court = Court.objects.create(
            name=new.name,
            short_name=short_name,
            slug=self._slug(new),
            level=Court.Level.BASIC,
            parent=new.city,
            region=new.city.region,
            aliases="\n".join(sorted(aliases)),
            position=max(siblings, default=0) + 1,
            needs_review=True,
        )
        self.courts.append(court)
        self.created.append(court)
        self._index()
        return court

    def _slug(self, new):
        base = slugify("-".join([new.city.slug, "".join(lazy_pinyin(new.unit))]))[:55]
        slug, counter = base, 1
        taken = {court.slug for court in self.courts}
        while slug in taken or Court.objects.filter(slug=slug).exists():
            counter += 1
            slug = f"{base}-{counter}"
        return slug


class ContributorBook:
    """Contributors by name: the existing one, or a new one flagged for review."""

    def __init__(self, user=None):
        self.user = user
        self.created = []
        self.notes = []
        self._cache = {}

    def get(self, name, kind, court=None):
        key = (name, kind, court.pk if court else None)
        if key in self._cache:
            return self._cache[key]
        same_kind = Contributor.objects.filter(kind=kind).order_by(
            "-is_active", "needs_review", "pk"
        )
        contributor = None
        if court is not None and kind == Contributor.Kind.ORGANISATION:
            contributor = same_kind.filter(court=court).first()
        if contributor is None:
            matches = list(same_kind.filter(name=name)[:2])
            if len(matches) > 1:
                self.notes.append(
                    _("Several contributors are called %(name)s; the credit went to the first.")
                    % {"name": name}
                )
            contributor = matches[0] if matches else None
        if contributor is None:
            contributor = Contributor.objects.create(
                name=name,
                kind=kind,
                court=court,
                needs_review=True,
                created_by=self.user,
                updated_by=self.user,
            )
            self.created.append(contributor)
        self._cache[key] = contributor
        return contributor

    def is_new(self, contributor):
        return contributor in self.created


def _alternation(names):
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def _overlaps(span, spans):
    return any(span[0] < end and start < span[1] for start, end in spans)
