"""factory_boy factories for the models. Defaults make a public (published, due) object."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Contributor, Credit, Issue, PageArea, Photo, Status
from corrections.models import Correction
from courts.models import Court


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"测试员{n}")  # every staff account has a name
    password = factory.django.Password("correct horse battery staple")


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court

    name = factory.Sequence(lambda n: f"测试{n}旗人民法院")
    short_name = factory.Sequence(lambda n: f"测试{n}旗法院")
    slug = factory.Sequence(lambda n: f"test-court-{n}")
    level = Court.Level.BASIC
    parent = factory.LazyFunction(lambda: Court.objects.get(slug="ordos"))
    region = "鄂尔多斯市"


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    name = factory.Sequence(lambda n: f"通讯员{n}")


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    # Back issues, in the past however many a run makes (a whole run makes thousands: weekly
    # dates reached the future): an edition dated in the future is published for its date's
    # morning (Issue.print_time), i.e. scheduled, not public. Daily from 2000, starting again
    # after 9,000 days (2024), so a test's editions stay unique and past.
    date = factory.Sequence(lambda n: datetime.date(2000, 1, 7) + datetime.timedelta(days=n % 9000))
    page_number = 5
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(an_hour_ago)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n + 1)
    headline = factory.Sequence(lambda n: f"司法为民办实事 第{n}篇")
    body = "<p>法院召开工作推进会，部署下一阶段重点工作。</p>"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(an_hour_ago)

    @factory.post_generation
    def courts(self, create, extracted, **kwargs):
        if create and extracted:
            self.courts.set(extracted)


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    article = factory.SubFactory(ArticleFactory)
    contributor = factory.SubFactory(ContributorFactory)
    role = Credit.Role.CORRESPONDENT


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    image = factory.django.ImageField(width=8, height=6, color="red")
    caption = factory.Sequence(lambda n: f"法官在巡回审判点为群众解答法律问题 {n}")
    photographer = factory.SubFactory(ContributorFactory)


class PageAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageArea

    article = factory.SubFactory(ArticleFactory)
    left = 5.5
    top = 10
    width = 40
    height = 30


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    kind = Correction.Kind.CORRECTION
    text = factory.Sequence(lambda n: f"原文第二段所称“三起案件”应为“五起案件”（第{n}条）。")
    date = factory.LazyFunction(timezone.now)
