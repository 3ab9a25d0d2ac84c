"""Load the region's basic courts (courts/data.py) under their city courts, so every database has
them. A court an editor already created is left as it is: one whose name, short name or any alias
is one of a listed court's names counts as that court (and so does one with its slug)."""

from django.db import migrations

from courts.data import basic_courts


def _names(court):
    return {court.name, *(line.strip() for line in court.aliases.splitlines() if line.strip())}


def load(apps, schema_editor):
    Court = apps.get_model("courts", "Court")
    cities = {court.slug: court for court in Court.objects.filter(level="intermediate")}
    known_names, known_slugs = set(), set()
    for court in Court.objects.all():
        known_names |= _names(court)
        known_slugs.add(court.slug)
    for position, basic in enumerate(basic_courts(), start=100):
        names = {basic.name, *basic.aliases}
        city = cities.get(basic.parent_slug)
        if city is None or basic.slug in known_slugs or names & known_names:
            continue
        court = Court.objects.create(
            name=basic.name,
            short_name=basic.short_name,
            slug=basic.slug,
            level="basic",
            parent=city,
            region=basic.region,
            aliases="\n".join(basic.aliases),
            position=position,
            path="",
        )
        # Historical models have no custom save(): keep the materialised path here.
        court.path = f"{city.path}{court.pk:08d}/"
        court.save(update_fields=["path"])
        known_names |= names
        known_slugs.add(basic.slug)


def unload(apps, schema_editor):
    Court = apps.get_model("courts", "Court")
    Court.objects.filter(
        slug__in=[court.slug for court in basic_courts()],
        level="basic",
        articles__isnull=True,
        contributors__isnull=True,
        children__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("courts", "0003_named_constraints")]

    operations = [migrations.RunPython(load, unload)]
