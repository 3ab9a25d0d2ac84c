"""POST data for the article and edition change forms, as the admin's browser would send them."""

from django.db.models.fields.files import FieldFile
from django.utils import timezone


def article_form_data(article=None, **changes):
    """Every field either role's form may hold (each role's form ignores the keys it lacks)."""
    data = {
        "kicker": "",
        "headline": "新的稿件",
        "subtitle": "",
        "byline": "",
        "dateline": "",
        "body": "<p>正文。</p>",
        "end_credit": "",
        "issue": "",
        "position": 0,
        "courts": [],
        "publish_at_0": "",
        "publish_at_1": "",
        "review_note": "",
        "summary": "",
        "slug": "",
    }
    if article is not None:
        for name in [
            "kicker",
            "headline",
            "subtitle",
            "byline",
            "dateline",
            "body",
            "end_credit",
            "position",
            "review_note",
            "summary",
            "slug",
        ]:
            data[name] = getattr(article, name)
        data["issue"] = article.issue_id or ""
        data["courts"] = [court.pk for court in article.courts.all()]
        data["loaded_version"] = article.edit_version
        if article.publish_at:
            local = timezone.localtime(article.publish_at)
            data["publish_at_0"] = local.strftime("%Y-%m-%d")
            data["publish_at_1"] = local.strftime("%H:%M:%S")
    for prefix in ["credits", "photos", "page_areas"]:
        existing = getattr(article, prefix).all() if article is not None else []
        data[f"{prefix}-TOTAL_FORMS"] = len(existing)
        data[f"{prefix}-INITIAL_FORMS"] = len(existing)
        for index, child in enumerate(existing):
            data[f"{prefix}-{index}-id"] = child.pk
            data[f"{prefix}-{index}-article"] = article.pk
            for field in child._meta.concrete_fields:
                if field.name in ("id", "article"):
                    continue
                value = getattr(child, field.attname)
                if value is None or isinstance(value, FieldFile):
                    value = ""  # a file is sent only when a new one is chosen
                data[f"{prefix}-{index}-{field.name}"] = value
    data.update(changes)
    return data


def issue_form_data(issue=None, **changes):
    """POST data for the edition change (or add) form, with no article rows: ``issue``'s values,
    or a new edition's."""
    data = {
        "date": "2025-06-03",
        "page_number": 5,
        "title": "法院专刊",
        "banner": "",
        "quote": "",
        "quote_attribution": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "articles-TOTAL_FORMS": 0,
        "articles-INITIAL_FORMS": 0,
    }
    if issue is not None:
        data.update(
            date=issue.date.isoformat(),
            page_number=issue.page_number,
            title=issue.title,
            banner=issue.banner,
            quote=issue.quote,
            quote_attribution=issue.quote_attribution,
            loaded_version=issue.edit_version,
        )
        if issue.publish_at:
            local = timezone.localtime(issue.publish_at)
            data["publish_at_0"] = local.strftime("%Y-%m-%d")
            data["publish_at_1"] = local.strftime("%H:%M:%S")
    data.update(changes)
    return data
