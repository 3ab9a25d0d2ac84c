import json
import re

import pytest
from django.urls import reverse

from articles.richtext import clean_html, render_html, shift_headings
from tests.factories import ArticleFactory

TOOLBAR_OUTPUT = [
    "<p>正文<strong>加粗</strong>与<i>斜体</i></p>",
    "<h2>小标题</h2><h3>三级标题</h3>",
    '<p><a href="https://www.court.gov.cn/">链接</a></p>',
    "<ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>",
    "<blockquote><p>引文</p></blockquote>",
    '<figure class="image"><img src="/media/uploads/a.jpg" alt="庭审现场"><figcaption>庭审现场</figcaption></figure>',
    '<figure class="table"><table><thead><tr><th>项目</th></tr></thead><tbody><tr><td>3033.28万元</td></tr></tbody></table></figure>',
    # An uploaded image as CKEditor 5 writes it, with its size and aspect ratio; list item ids.
    '<figure class="image"><img style="aspect-ratio:480/320;" src="/media/uploads/b.png" alt="法庭" width="480" height="320"><figcaption>法庭</figcaption></figure>',
    '<ul><li data-list-item-id="e8c3e6ff281fe364673cbf243a18d5369">立案</li></ul>',
]

ATTACKS = [
    ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
    ('<p onclick="alert(1)">x</p>', "<p>x</p>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ('<img src="data:image/png;base64,AAAA">', '<img alt="">'),
    ('<iframe src="https://example.com"></iframe><p>x</p>', "<p>x</p>"),
    ("<svg><script>alert(1)</script></svg><p>x</p>", "<p>x</p>"),
    ('<p style="color:red">x</p>', "<p>x</p>"),
    (
        '<figure class="image evil"><img src="/a.jpg"></figure>',
        '<figure class="image"><img src="/a.jpg" alt=""></figure>',
    ),
    # Only CKEditor's own aspect ratio, sizes and list ids, in exactly its form.
    ('<img src="/a.jpg" alt="" style="position:fixed;top:0">', '<img src="/a.jpg" alt="">'),
    (
        '<img src="/a.jpg" alt="" style="aspect-ratio:1/1;background:url(javascript:alert(1))">',
        '<img src="/a.jpg" alt="">',
    ),
    (
        '<img src="/a.jpg" alt="" style="aspect-ratio:expression(alert(1))">',
        '<img src="/a.jpg" alt="">',
    ),
    ('<img src="/a.jpg" alt="" width="100%" height="1e9">', '<img src="/a.jpg" alt="">'),
    ('<p style="aspect-ratio:1/1">x</p>', "<p>x</p>"),
    ('<ul><li data-list-item-id="&quot;&gt;x">a</li></ul>', "<ul><li>a</li></ul>"),
    (
        '<ul><li data-x="1" data-list-item-id="abc">a</li></ul>',
        '<ul><li data-list-item-id="abc">a</li></ul>',
    ),
]


@pytest.mark.parametrize("html", TOOLBAR_OUTPUT)
def test_what_the_toolbar_makes_survives_unchanged(html):
    assert clean_html(html) == html


@pytest.mark.parametrize(("dirty", "clean"), ATTACKS)
def test_attacks_are_removed(dirty, clean):
    assert clean_html(dirty) == clean


@pytest.mark.parametrize(
    ("html", "clean"),
    [
        # CKEditor leaves alt out when the editor typed no text alternative.
        (
            '<figure class="image"><img src="/media/uploads/a.png" width="640" height="400"><figcaption>庭审现场</figcaption></figure>',
            '<figure class="image"><img src="/media/uploads/a.png" width="640" height="400" alt=""><figcaption>庭审现场</figcaption></figure>',
        ),
        ('<p><img src="/a.png"/>文字</p>', '<p><img src="/a.png" alt="">文字</p>'),
        ('<img src="/a.png" alt="法官 > 调解">', '<img src="/a.png" alt="法官 &gt; 调解">'),
        ('<img alt="" src="/a.png">', '<img alt="" src="/a.png">'),
        ('<img src="/a.png?q=1&amp;alt=2">', '<img src="/a.png?q=1&amp;alt=2" alt="">'),
    ],
)
def test_every_image_has_an_alt_attribute(html, clean):
    assert clean_html(html) == clean


@pytest.mark.django_db
@pytest.mark.parametrize(("dirty", "clean"), ATTACKS)
def test_body_is_cleaned_when_saved(dirty, clean):
    article = ArticleFactory(body=dirty)
    article.refresh_from_db()
    assert article.body == clean


@pytest.mark.django_db
def test_body_is_cleaned_on_bulk_create():
    from articles.models import Article

    [article] = Article.objects.bulk_create(
        [ArticleFactory.build(body="<script>x</script><p>ok</p>", issue=None)]
    )
    assert Article.objects.get(pk=article.pk).body == "<p>ok</p>"


@pytest.mark.parametrize(
    "src",
    ["/media/uploads/2025/01/a.jpg", "/a.jpg", "uploads/a.jpg", "/media/a.png?v=2"],
)
def test_images_of_the_site_itself_are_kept(src):
    assert clean_html(f'<img src="{src}" alt="图">') == f'<img src="{src}" alt="图">'


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "http://example.com/media/a.jpg",
        "//tracker.example/pixel.gif",
        "/\\tracker.example/pixel.gif",
        "\\\\tracker.example/pixel.gif",
        "/\t/tracker.example/pixel.gif",
        "https://[::1/a.jpg",
    ],
)
def test_images_from_other_hosts_lose_their_address(src):
    """A published page loads no picture from another host: the reader's visit would be told
    to it, and the picture could change after the editor's review."""
    assert clean_html(f'<p>x</p><img src="{src}" alt="图">') == '<p>x</p><img alt="图">'


def test_images_under_uploads_on_another_host_are_kept(settings):
    settings.MEDIA_URL = "https://media.example.cn/fyzk/"
    kept = '<img src="https://media.example.cn/fyzk/uploads/a.jpg" alt="">'
    assert clean_html(kept) == kept
    for other in ["https://media.example.cn/other/a.jpg", "https://media.example.cn.evil/fyzk/a"]:
        assert clean_html(f'<img src="{other}" alt="">') == '<img alt="">'


@pytest.mark.django_db
def test_a_stored_outside_image_is_not_shown_either(client):
    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(
        body='<p>正文</p><img src="https://tracker.example/pixel.gif" alt="">'
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "tracker.example" not in page


@pytest.mark.parametrize(
    ("html", "shifted"),
    [
        # Already starting at h2: unchanged.
        ("<h2>小标题</h2><p>正文</p><h3>次级</h3>", "<h2>小标题</h2><p>正文</p><h3>次级</h3>"),
        # Only the lower subhead: it becomes the first level below the headline.
        (
            "<h3>案件概况</h3><p>正文</p><h3>审理经过</h3>",
            "<h2>案件概况</h2><p>正文</p><h2>审理经过</h2>",
        ),
        # Every level moves by the same step, keeping its distance from the highest.
        ("<h3>甲</h3><h4>乙</h4><h3>丙</h3>", "<h2>甲</h2><h3>乙</h3><h2>丙</h2>"),
        ("<h4>甲</h4><h6>乙</h6>", "<h2>甲</h2><h4>乙</h4>"),
        # Moved down when the body starts higher, never beyond h6.
        ("<h1>甲</h1><h5>乙</h5><h6>丙</h6>", "<h2>甲</h2><h6>乙</h6><h6>丙</h6>"),
        # No headings, nothing to do; neither text nor attributes are read as tags.
        ("<p>正文</p>", "<p>正文</p>"),
        ("<p>&lt;h3&gt;不是标题&lt;/h3&gt;</p>", "<p>&lt;h3&gt;不是标题&lt;/h3&gt;</p>"),
        (
            '<h4>甲</h4><figure class="image"><img src="/a.png" alt="<h4>说明</h4>"></figure>',
            '<h2>甲</h2><figure class="image"><img src="/a.png" alt="<h4>说明</h4>"></figure>',
        ),
        # Other tags that begin with h (hr, head) are not headings.
        ("<h3>甲</h3><hr><p>乙</p>", "<h2>甲</h2><hr><p>乙</p>"),
        ("", ""),
    ],
)
def test_shift_headings_starts_the_body_at_h2(html, shifted):
    assert shift_headings(html) == shifted


def test_shift_headings_to_another_level():
    assert shift_headings("<h2>甲</h2><h3>乙</h3>", top=3) == "<h3>甲</h3><h4>乙</h4>"
    assert shift_headings("<h4>甲</h4>", top=1) == "<h1>甲</h1>"


def test_render_html_shifts_only_when_asked():
    body = "<h3>案件概况</h3><p>正文<script>x</script></p>"
    assert render_html(body) == "<h3>案件概况</h3><p>正文</p>"
    assert render_html(body, top_heading=2) == "<h2>案件概况</h2><p>正文</p>"


def test_the_stored_text_keeps_its_levels(db):
    """The shift is made when the page is shown: what the editor wrote is stored as written."""
    article = ArticleFactory(body="<h3>案件概况</h3><p>正文</p>")
    article.refresh_from_db()
    assert article.body == "<h3>案件概况</h3><p>正文</p>"


@pytest.mark.django_db
def test_the_article_page_skips_no_heading_level(client):
    """The headline is the page's h1; a body whose first subhead is an h3 is shown from h2 on,
    so no heading level is skipped (axe: heading-order). The page's other headings follow."""
    article = ArticleFactory(body="<h3>案件概况</h3><p>正文。</p><h4>细节</h4><p>又一段。</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    story = html[html.index('<article class="story"') : html.index("</article>")]
    assert "<h2>案件概况</h2>" in story and "<h3>细节</h3>" in story
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_the_editor_names_its_subheads_by_rank(editor_client, chinese):
    """The toolbar's heading choices, as the editor's page gives them to CKEditor: translated,
    and named by rank (the page shows the highest subhead as h2, whatever level it has)."""
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    configs = [
        json.loads(data)
        for data in re.findall(r'<script id="[^"]*" type="application/json">(.*?)</script>', html)
    ]
    [options] = [config["heading"]["options"] for config in configs if "heading" in config]
    assert [(option.get("view"), option["title"]) for option in options] == [
        (None, "正文"),
        ("h2", "小标题"),
        ("h3", "次级小标题"),
    ]
