import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from courts.models import Court
from tests.factories import CourtFactory

pytestmark = pytest.mark.django_db


def test_migration_loads_the_high_court_and_twelve_city_courts():
    assert Court.objects.filter(level=Court.Level.HIGH).count() == 1
    cities = Court.objects.cities()
    assert cities.count() == 12
    high = Court.objects.get(slug="inner-mongolia-high")
    assert set(cities.values_list("parent", flat=True)) == {high.pk}
    chifeng = Court.objects.get(slug="chifeng")
    assert chifeng.name == "赤峰市中级人民法院"
    assert chifeng.short_name == "赤峰中院"
    assert "赤峰市中院" in chifeng.names


def test_migration_matches_the_shared_court_list(shared_dir):
    import csv

    path = shared_dir / "data" / "courts.csv"
    if not path.exists():
        pytest.skip("../shared/data/courts.csv is not beside this checkout")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 13
    for row in rows:
        court = Court.objects.get(slug=row["slug"])
        assert (court.name, court.short_name, court.level, court.region) == (
            row["name"],
            row["short_name"],
            row["level"],
            row["region"],
        )
        assert (court.parent.slug if court.parent else "") == row["parent"]


def below_and_including(court):
    """A court's subtree as the site reads it: one prefix match on the materialised path."""
    return Court.objects.filter(path__startswith=court.path)


def test_subtree_is_the_court_and_every_court_below():
    ordos = Court.objects.get(slug="ordos")
    etuoke = CourtFactory(name="鄂托克旗人民法院", slug="etuoke", parent=ordos)
    tribunal = CourtFactory(name="鄂托克旗某人民法庭", slug="etuoke-tribunal", parent=etuoke)
    other = CourtFactory(
        name="根河市人民法院", slug="genhe", parent=Court.objects.get(slug="hulunbuir")
    )

    subtree = set(below_and_including(ordos))
    assert subtree == {ordos, etuoke, tribunal}
    assert other not in subtree
    high = Court.objects.get(slug="inner-mongolia-high")
    assert set(below_and_including(high)) >= {ordos, etuoke, other}


def test_moving_a_court_carries_its_subtree():
    ordos = Court.objects.get(slug="ordos")
    baotou = Court.objects.get(slug="baotou")
    basic = CourtFactory(slug="moved", parent=ordos)
    below = CourtFactory(slug="below", parent=basic)

    basic.parent = baotou
    basic.save()

    below.refresh_from_db()
    assert below.path.startswith(baotou.path)
    assert below in below_and_including(baotou)
    assert below not in below_and_including(ordos)


def test_a_court_cannot_be_moved_below_itself():
    ordos = Court.objects.get(slug="ordos")
    basic = CourtFactory(slug="basic", parent=ordos)
    ordos.parent = basic
    with pytest.raises(ValidationError):
        ordos.full_clean()


def test_names_are_unique_in_the_database():
    with pytest.raises(IntegrityError):
        Court.objects.create(name="赤峰市中级人民法院", slug="chifeng-2", level="intermediate")


def test_a_court_is_not_its_own_parent_in_the_database():
    court = CourtFactory(slug="self")
    with pytest.raises(IntegrityError):
        Court.objects.filter(pk=court.pk).update(parent=court)


def test_names_and_slugs_are_unique_by_named_constraints():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Court._meta.db_table)
    assert constraints["court_unique_name"]["unique"]
    assert constraints["court_unique_name"]["columns"] == ["name"]
    assert constraints["court_unique_slug"]["columns"] == ["slug"]
    assert constraints["court_path"]["index"]
    ordos = Court.objects.get(slug="ordos")
    for field, value in [("name", ordos.name), ("slug", ordos.slug)]:
        court = CourtFactory.build(**{field: value})
        with pytest.raises(ValidationError) as refused:
            court.full_clean()
        assert field in refused.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            court.save()
