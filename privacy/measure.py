"""False findings on text known to be clean: the project's demo content and the sample pages (real
court news, whose parties are already masked). Every finding there is a false one; the measure is
findings per 100 pieces (at most 1 is the target). Used by ``manage.py privacy_false_findings``
and the tests."""

from dataclasses import dataclass, field
from pathlib import Path

from . import checks, service


@dataclass
class Tally:
    pieces: int = 0
    findings: list = field(default_factory=list)  # (where, finding)

    @property
    def per_hundred(self):
        return 100 * len(self.findings) / self.pieces if self.pieces else 0.0

    def add(self, where, fields, names=()):
        self.pieces += 1
        for finding in checks.check(fields, service.current_lists(), exempt_names=names):
            self.findings.append((where, finding))


def database(tally, queryset):
    """Every article of ``queryset`` (e.g. the demo content generate_demo wrote)."""
    for article in queryset.prefetch_related("photos", "credits__contributor"):
        photos = [(photo.pk, photo.caption) for photo in article.photos.all()]
        names = [credit.contributor.name for credit in article.credits.all()]
        tally.add(article.get_absolute_url(), service.fields_of(article, photos), names)
    return tally


def sample_pages(tally, directory):
    """Every article of every page text in ``directory``, as the page import reads it."""
    from articles.importing.parser import parse_page
    from articles.importing.text import decode

    for path in sorted(Path(directory).glob("*.txt")):
        page = parse_page(decode(path.read_bytes()), source=path.name)
        for number, article in enumerate(page.articles, start=1):
            tally.add(f"{path.name}#{number}", parsed_fields(article), parsed_names(article))
    return tally


def parsed_fields(article):
    """A parsed article's checked text (privacy/service.fields_of, before it is saved)."""
    fields = {
        "kicker": article.kicker,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "body": "\n".join(block.text for block in article.blocks),
    }
    for number, photo in enumerate(article.photos, start=1):
        fields[f"caption:{number}"] = photo.caption
    return fields


def parsed_names(article):
    names = [credit.name for credit in article.credits]
    for photo in article.photos:
        names.extend(photo.photographers)
    return names
