"""schema.org data for search engines: an article page describes itself as a NewsArticle."""

from django.templatetags.static import static
from django.utils.translation import gettext as _

from .models import Credit
from .renditions import rendition_url
from .text import cn_date, excerpt_of

AUTHOR_ROLES = {Credit.Role.REPORTER, Credit.Role.CORRESPONDENT, Credit.Role.AUTHOR}


def publisher(request):
    return {
        "@type": "Organization",
        "name": _("Inner Mongolia Autonomous Region High People's Court"),
        "url": request.build_absolute_uri("/"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static("img/logo.png"))},
    }


def _person(credit, request):
    contributor = credit.contributor
    kind = "Organization" if contributor.kind == contributor.Kind.ORGANISATION else "Person"
    return {
        "@type": kind,
        "name": contributor.name,
        "url": request.build_absolute_uri(contributor.get_absolute_url()),
    }


def news_article(article, request):
    """
    The NewsArticle of ``article``. Expects the article's credits (with their contributors),
    photos and edition to be loaded already, as the article page does.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    credits = list(article.credits.all())
    authors = [_person(c, request) for c in credits if c.role in AUTHOR_ROLES]
    if not authors:
        authors = [_person(c, request) for c in credits if c.role == Credit.Role.ORGANISATION]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": "zh-CN",
        "isAccessibleForFree": True,
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        # Its own last change, or a later one (a correction), when the page's query says so.
        "dateModified": getattr(article, "last_modified", article.updated_at).isoformat(),
        "author": authors,
        "publisher": publisher(request),
        "description": excerpt_of(article, 150),
    }
    if article.subtitle:
        data["alternativeHeadline"] = article.subtitle
    if article.dateline:
        data["dateline"] = article.dateline
    if article.byline:
        data["creditText"] = article.byline
    images = [
        # The widest rendition: search engines ask for 1,200 pixels, not the original upload.
        request.build_absolute_uri(rendition_url(photo.image, 1200))
        for photo in article.photos.all()
        if photo.image
    ]
    if images:
        data["image"] = images
    issue = article.issue
    if issue is not None:
        data["printEdition"] = f"{issue.title} {cn_date(issue.date)}"
        data["printPage"] = f"{issue.page_number:02d}"
        data["printSection"] = issue.title
        data["isPartOf"] = {
            "@type": "PublicationIssue",
            "name": f"{issue.title} {cn_date(issue.date)} {issue.page_number:02d}",
            "datePublished": issue.date.isoformat(),
            "url": request.build_absolute_uri(issue.get_absolute_url()),
        }
    return {key: value for key, value in data.items() if value is not None}
