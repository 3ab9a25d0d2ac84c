"""The rules of a correction that hold in the database and in its querysets."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from corrections.models import Correction
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db


def test_a_withdrawal_always_has_its_reason():
    correction = CorrectionFactory()
    correction.withdrawn_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        correction.save()
    correction.withdrawn_reason = "误发"
    correction.save()


def test_an_article_with_corrections_cannot_be_deleted():
    from django.db.models import ProtectedError

    correction = CorrectionFactory()
    with pytest.raises(ProtectedError):
        correction.article.delete()


def test_public_live_and_to_print():
    article = ArticleFactory()
    live = CorrectionFactory(article=article, to_print=True)
    withdrawn = CorrectionFactory(
        article=article, withdrawn_at=timezone.now(), withdrawn_reason="误发", to_print=True
    )
    of_a_scheduled_article = CorrectionFactory(
        article=ArticleFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))
    )
    assert set(Correction.objects.live()) == {live, of_a_scheduled_article}
    assert list(Correction.objects.public()) == [live]
    assert list(Correction.objects.to_print()) == [live]
    assert withdrawn not in Correction.objects.public()
    # Once the article's time has come, its correction is public with it.
    later = timezone.now() + datetime.timedelta(hours=2)
    assert of_a_scheduled_article in Correction.objects.public(later)


def test_the_address_is_the_article_s_with_an_anchor():
    correction = CorrectionFactory()
    assert correction.get_absolute_url() == (
        f"{correction.article.get_absolute_url()}#correction-{correction.pk}"
    )
