"""
An XSS corpus through every way HTML gets in: the admin's article form (as an editor), the model
directly, and a raw database update that skips the model. Nothing dangerous may reach the
database through the first two, nor any page readers or editors see (the public article, its
preview, the edition page, the admin's read-only view, the feed), whatever is stored.

Plain-text fields (headline, quote, caption, ...) are escaped, never interpreted.
"""

import io
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Photo
from articles.richtext import ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, clean_html
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<img src="javascript:alert(1)">',
    '<img srcset="javascript:alert(1) 1x">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="https://example.com/" onclick="alert(1)" target="_blank">x</a>',
    '<a href="https://example.com/" formaction="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style><p>x</p>",
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/"><input name="password"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<p>x</p><!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<blockquote cite="javascript:alert(1)">x</blockquote>',
    '<figure class="image" onmouseover="alert(1)"><img src="/media/a.jpg"></figure>',
    '<h2 id="x" class="evil" data-x="1">小标题</h2>',
    '<video><source onerror="alert(1)"></video>',
    '<input autofocus onfocus="alert(1)">',
    '<marquee onstart="alert(1)">x</marquee>',
    '<a href="https://example.com/"><img src="/a.jpg" onload="alert(1)"></a>',
]

# What the toolbar makes: stored and shown exactly as written.
TOOLBAR_OUTPUT = (
    "<h2>小标题</h2><h3>三级标题</h3>"
    "<p>正文<strong>加粗</strong>与<i>斜体</i>，"
    '<a href="https://www.court.gov.cn/">链接</a></p>'
    "<ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>"
    "<blockquote><p>引文</p></blockquote>"
    '<figure class="table"><table><tbody><tr><td>3033.28万元</td></tr></tbody></table></figure>'
    '<figure class="image"><img src="/media/uploads/2025/01/a.jpg" alt="庭审现场">'
    "<figcaption>庭审现场</figcaption></figure>"
)

SAFE_SCHEMES = {"", "http", "https", "mailto"}
# Elements no public page of this site has, and an attacker would want.
FOREIGN_TAGS = {
    "iframe", "object", "embed", "svg", "math", "style", "base", "textarea", "template",
    "noscript", "video", "source", "marquee", "frame", "frameset", "applet",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "cite", "background", "data"}


def scheme(url):
    # The way a browser reads it: control characters and spaces inside the scheme are dropped.
    squeezed = "".join(ch for ch in url.strip() if ch > " " and ch != "\x7f")
    return urlsplit(squeezed).scheme.lower() if ":" in squeezed.split("/")[0] else ""


class Elements(HTMLParser):
    """(tag, {attribute: value}) of every element, with character references decoded."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.script_texts = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_texts.append(data)


def assert_allow_listed(html):
    """Stored rich text: only the allow-list, and safe URLs."""
    for tag, attrs in Elements(html).elements:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            if name == "class":
                assert set(value.split()) <= ALLOWED_CLASSES.get(tag, set()), (tag, value)
                continue
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()), (tag, name, html)
            if name in URL_ATTRIBUTES:
                assert scheme(value) in SAFE_SCHEMES, (tag, name, value)


def assert_page_is_harmless(html):
    """A whole page: the site's own scripts only, no handler, no dangerous URL or element."""
    parsed = Elements(html)
    previous = None
    for tag, attrs in parsed.elements:
        if tag == "source" and previous == "picture":
            # The site's own WebP renditions: <picture><source srcset="/media/…"><img …></picture>
            urls = [c.split()[0] for c in attrs.get("srcset", "").split(",") if c.strip()]
            assert urls and all(url.startswith("/media/") for url in urls), attrs
            assert set(attrs) <= {"type", "srcset", "sizes"}, attrs
        else:
            assert tag not in FOREIGN_TAGS, (tag, attrs)
        previous = tag
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or (
                attrs.get("type") == "application/ld+json"
            ), attrs
        if tag == "meta":
            assert "http-equiv" not in attrs, attrs
        if tag == "link":
            assert not attrs.get("href", "").startswith(("http://evil", "https://evil", "//")), (
                attrs
            )
        if tag == "form":
            assert scheme(attrs.get("action", "")) in SAFE_SCHEMES, attrs
            assert "evil" not in attrs.get("action", "")
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in {"srcdoc", "formaction"}, (tag, name, value)
            if name == "srcset":  # the site's own renditions: "url 480w, url 800w"
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
                assert all(scheme(url) in SAFE_SCHEMES for url in urls), (tag, value)
            elif name in URL_ATTRIBUTES:
                assert scheme(value) in SAFE_SCHEMES, (tag, name, value)
    for text in parsed.script_texts:  # JSON-LD: nothing can close the element early
        assert "</" not in text and "<!--" not in text


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("payload", CORPUS)
def test_corpus_through_the_admin_form(editor_client, payload):
    body = f"<p>前文</p>{payload}<p>后文</p>"
    data = article_form_data(headline="攻击样本", body=body)
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(headline="攻击样本")
    assert_allow_listed(article.body)
    assert article.body == clean_html(body)
    assert "<p>前文</p>" in article.body and "<p>后文</p>" in article.body

    assert_page_is_harmless(page(editor_client, reverse("articles:preview", args=[article.pk])))


@pytest.mark.parametrize("payload", CORPUS)
def test_corpus_through_the_model(client, payload):
    body = f"<p>前文</p>{payload}"
    article = ArticleFactory(body=body)
    article.refresh_from_db()
    assert_allow_listed(article.body)
    assert_page_is_harmless(page(client, article.get_absolute_url()))


def test_corpus_stored_raw_is_still_cleaned_on_every_page(client, editor_client):
    """QuerySet.update() skips the model's cleaning: the pages clean again on output."""
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body="".join(CORPUS))
    assert "<script>" in Article.objects.get(pk=article.pk).body  # really stored raw
    for url in [
        article.get_absolute_url(),
        article.issue.get_absolute_url(),
        "/",
        "/articles/",
        "/search/?q=alert",
    ]:
        assert_page_is_harmless(page(client, url))
    assert_page_is_harmless(page(editor_client, reverse("articles:preview", args=[article.pk])))
    feed = page(client, reverse("articles:feed"))
    assert "<script" not in feed and "onerror" not in feed
    # The editor's own form shows the stored HTML as text to edit, escaped, never as markup.
    change = page(editor_client, reverse("admin:articles_article_change", args=[article.pk]))
    assert "<script>alert" not in change and "<img src=x onerror" not in change


def test_the_admin_read_only_view_of_a_body_is_cleaned(client, correspondent):
    """A correspondent sees a published article read-only, as readers will: cleaned."""
    article = ArticleFactory(created_by=correspondent)
    Article.objects.filter(pk=article.pk).update(body="<p>x</p><img src=x onerror=alert(1)>")
    client.force_login(correspondent)
    html = page(client, reverse("admin:articles_article_change", args=[article.pk]))
    assert "onerror" not in html
    assert "<p>x</p>" in html


def test_toolbar_output_survives_the_admin_form_unchanged(editor_client):
    data = article_form_data(headline="版式", body=TOOLBAR_OUTPUT)
    assert editor_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(headline="版式")
    assert article.body == TOOLBAR_OUTPUT
    assert_allow_listed(article.body)
    html = page(editor_client, reverse("articles:preview", args=[article.pk]))
    assert TOOLBAR_OUTPUT[: TOOLBAR_OUTPUT.index("<ul>")] in html


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "grey").save(buffer, format="JPEG")
    return buffer.getvalue()


PLAIN_TEXT = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def test_plain_text_fields_are_escaped_everywhere(client):
    issue = IssueFactory(
        quote=PLAIN_TEXT + "\n第二行", quote_attribution=PLAIN_TEXT, banner=PLAIN_TEXT
    )
    article = ArticleFactory(
        issue=issue,
        kicker=PLAIN_TEXT,
        headline="标题" + PLAIN_TEXT,
        subtitle=PLAIN_TEXT,
        byline=PLAIN_TEXT,
        dateline=PLAIN_TEXT[:50],
        summary=PLAIN_TEXT,
        end_credit=PLAIN_TEXT,
    )
    photo = Photo(article=article, caption=PLAIN_TEXT, alt_text=PLAIN_TEXT)
    photo.image.save("a.jpg", ContentFile(jpeg()))
    CreditFactory(article=article, contributor=ContributorFactory(name=PLAIN_TEXT[:100]))
    urls = [
        "/",
        issue.get_absolute_url(),
        article.get_absolute_url(),
        "/articles/",
        f"/search/?q={PLAIN_TEXT}",
        article.credits.get().contributor.get_absolute_url(),
    ]
    for url in urls:
        html = page(client, url)
        assert_page_is_harmless(html)
        assert "&lt;script&gt;" in html or "&lt;/script&gt;" in html or url.startswith("/search")
    quote_page = page(client, issue.get_absolute_url())
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in quote_page
    assert "<br>第二行" in quote_page  # the quote's line breaks are kept, as <br> only
