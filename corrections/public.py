"""What an article page shows of its corrections: the notices above the body and, in its
JSON-LD, a ``CorrectionComment`` each and the publisher's corrections policy."""

from django.urls import reverse


def correction_node(correction):
    return {
        "@type": "CorrectionComment",
        "text": correction.text,
        "datePublished": correction.date.isoformat(),
    }


def extend_article_page(article, request, context):
    """Registered with articles.hooks: one query, for the article's live corrections."""
    corrections = list(article.corrections.live().order_by("-date", "-pk"))
    context["corrections"] = corrections
    data = context.get("structured_data")
    if data is None:
        return
    data["publisher"]["correctionsPolicy"] = request.build_absolute_uri(
        reverse("corrections:policy")
    )
    if corrections:
        data["correction"] = [correction_node(c) for c in corrections]
