"""
Every public URL parameter, tried with random and hostile values (hypothesis): the answer is
200, a redirect, 400 or 404, never a server error. Query strings and path segments alike: the
article filters, search words, edition years, months, dates and pages, court slugs, page numbers,
feeds and contributor ids.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courts.models import Court
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

ALLOWED = {200, 301, 302, 400, 404}

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1" * 30,
    "-" + "9" * 25,
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "２０２５",  # full-width digits
    "٢٠٢٥",  # Arabic-Indic digits
    "\x00",
    "a\x00b",
    "'",
    "\"'); DROP TABLE articles_article;--",
    "' OR '1'='1",
    "%",
    "%00",
    "%%",
    "\\",
    "../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "<script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}",
    "${jndi:ldap://x}",
    "\u202e\u200b\ufeff",
    "🙂" * 50,
    "法院" * 300,
    "9999-99-99",
    "2025-02-30",
    "0000-01-01",
    "2025-13-01",
    "last",
    "ordos",
    "ordos/../admin",
    "-",
    "_",
    "a" * 5000,
]

# Text a browser could send: any character but lone surrogates (which no URL can carry).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
VALUE = st.one_of(
    st.sampled_from(HOSTILE),
    TEXT,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
)
# A path segment: what a slug or number position in a URL could receive.
SEGMENT = st.one_of(
    st.sampled_from([value for value in HOSTILE if value and "/" not in value]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/?#"), min_size=1),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=80),
)


@pytest.fixture
def archive(db):
    """A little public content for the filters to find: courts, an edition, credited articles."""
    issue = IssueFactory()
    ordos = Court.objects.get(slug="ordos")
    contributor = ContributorFactory(name="李明")
    for index in range(3):
        article = ArticleFactory(issue=issue, body=f"<p>执行工作第{index}篇</p>", courts=[ordos])
        CreditFactory(article=article, contributor=contributor)
    ArticleFactory(issue=None, headline="网络专稿")
    return {"issue": issue, "contributor": contributor, "court": ordos}


def assert_allowed(client, path, params=None):
    url = path + ("?" + urlencode(params, doseq=True) if params else "")
    response = client.get(url)
    assert response.status_code in ALLOWED, (url, response.status_code)


def segment(value):
    return quote(value, safe="")


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "court", "date_from", "date_to", "contributor", "page", "x"]),
        VALUE,
        max_size=5,
    )
)
def test_article_list_filters(client, archive, params):
    assert_allowed(client, "/articles/", params)


@FUZZ
@given(q=VALUE, page=VALUE, court=VALUE)
def test_search(client, archive, q, page, court):
    assert_allowed(client, "/search/", {"q": q})
    assert_allowed(client, "/search/", {"q": q, "page": page, "court": court})


@FUZZ
@given(q=st.lists(VALUE, min_size=2, max_size=4))
def test_repeated_parameters(client, archive, q):
    assert_allowed(client, "/search/", {"q": q, "page": q})
    assert_allowed(client, "/articles/", {"court": q, "date_from": q})


@FUZZ
@given(year=SEGMENT, month=SEGMENT, page=VALUE)
def test_edition_archive_years_and_months(client, archive, year, month, page):
    assert_allowed(client, f"/issues/{segment(year)}/")
    assert_allowed(client, f"/issues/{segment(year)}/{segment(month)}/", {"page": page})
    assert_allowed(client, "/issues/", {"page": page})


@FUZZ
@given(year=st.integers(min_value=0, max_value=10**20), month=st.integers(-5, 10**12))
def test_edition_archive_numbers(client, archive, year, month):
    assert_allowed(client, f"/issues/{year}/")
    assert_allowed(client, f"/issues/{year}/{abs(month)}/")


@FUZZ
@given(date=st.one_of(SEGMENT, st.dates().map(str)), page=SEGMENT)
def test_edition_pages(client, archive, date, page):
    assert_allowed(client, f"/issues/{segment(date)}/{segment(page)}/")
    issue_date = archive["issue"].date.isoformat()
    assert_allowed(client, f"/issues/{issue_date}/{segment(page)}/")


@FUZZ
@given(slug=SEGMENT, page=VALUE)
def test_court_slugs_and_feeds(client, archive, slug, page):
    assert_allowed(client, f"/courts/{segment(slug)}/", {"page": page})
    assert_allowed(client, f"/courts/{segment(slug)}/feed/")
    assert_allowed(client, "/courts/ordos/", {"page": page})


@FUZZ
@given(pk=SEGMENT, slug=SEGMENT, role=VALUE, page=VALUE)
def test_contributors_and_articles_by_id(client, archive, pk, slug, role, page):
    assert_allowed(client, f"/contributors/{segment(pk)}/", {"role": role, "page": page})
    contributor = archive["contributor"].pk
    assert_allowed(client, f"/contributors/{contributor}/", {"role": role, "page": page})
    assert_allowed(client, f"/articles/{segment(pk)}/")
    assert_allowed(client, f"/articles/{segment(pk)}/{segment(slug)}/")


@FUZZ
@given(params=st.dictionaries(TEXT, VALUE, max_size=4))
def test_feeds_sitemaps_and_home_ignore_what_they_do_not_know(client, archive, params):
    for path in ["/", "/articles/feed/", "/courts/", "/sitemap.xml", "/robots.txt"]:
        assert_allowed(client, path, params)


def test_every_hostile_value_in_every_place(client, archive):
    """The hand-picked values above, each in every parameter and path segment (hypothesis
    draws from them too, but may not draw each one)."""
    contributor = archive["contributor"].pk
    for value in HOSTILE:
        assert_allowed(client, "/articles/", {"q": value})
        filters = ["court", "date_from", "date_to", "contributor", "page"]
        assert_allowed(client, "/articles/", dict.fromkeys(filters, value))
        assert_allowed(client, "/search/", {"q": value, "page": value})
        assert_allowed(client, "/issues/", {"page": value})
        assert_allowed(client, f"/contributors/{contributor}/", {"role": value, "page": value})
        assert_allowed(client, "/articles/feed/", {"page": value})
        if value and "/" not in value:
            part = segment(value)
            for path in [
                f"/issues/{part}/",
                f"/issues/2025/{part}/",
                f"/issues/{part}/1/",
                f"/issues/2025-01-01/{part}/",
                f"/courts/{part}/",
                f"/courts/{part}/feed/",
                f"/contributors/{part}/",
                f"/articles/{part}/",
                f"/articles/1/{part}/",
            ]:
                assert_allowed(client, path)
