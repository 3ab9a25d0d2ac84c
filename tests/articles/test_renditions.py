"""Photos and printed pages are shown as resized renditions with srcset, never the original."""

import io
import mimetypes
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image
from pilkit.processors import ResizeToFit

from articles import renditions
from tests.factories import ArticleFactory, IssueFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#b5121b").save(buffer, "JPEG", quality=95)
    return ContentFile(buffer.getvalue(), name="big.jpg")


def images(html):
    return re.findall(r"<img [^>]*>", html)


def webp_sources(html):
    return re.findall(r'<source type="image/webp" [^>]*>', html)


def stored_format(url):
    with default_storage.open(url.removeprefix("/media/")) as stored, Image.open(stored) as image:
        return image.format, image.size


def srcset_of(tag):
    entries = re.search(r'srcset="([^"]+)"', tag).group(1).split(", ")
    return dict(reversed(entry.rsplit(" ", 1)) for entry in entries)


def stored_size(url):
    name = url.removeprefix("/media/")
    with default_storage.open(name) as stored, Image.open(stored) as image:
        return image.size


def test_article_photo_is_served_as_renditions(client):
    photo = PhotoFactory(image=jpeg(3000, 2000))
    html = client.get(photo.article.get_absolute_url()).content.decode()
    tag = next(t for t in images(html) if "renditions/" in t)
    assert photo.image.url not in html  # neither in the page nor in og:image
    widths = srcset_of(tag)
    assert set(widths) == {"480w", "800w", "1200w"}
    for width, url in widths.items():
        assert stored_size(url)[0] == int(width.removesuffix("w"))
    assert 'sizes="' in tag
    assert re.search(r'src="([^"]+)"', tag).group(1) == widths["800w"]
    for url in widths.values():
        assert stored_format(url) == ("JPEG", stored_size(url))


def test_browsers_that_take_webp_get_the_same_widths_as_webp(client):
    """A <picture> offers WebP renditions first (a fraction of the JPEG's bytes on a phone);
    the <img> inside keeps the JPEGs for browsers without WebP."""
    issue = IssueFactory(page_image=jpeg(2480, 3508))
    photo = PhotoFactory(image=jpeg(3000, 2000), article__issue=issue)
    pages = {
        photo.article.get_absolute_url(): {"480w", "800w", "1200w"},
        issue.get_absolute_url(): {"400w", "800w", "1400w"},
        reverse("home"): {"400w", "800w", "1400w"},
    }
    for url, expected in pages.items():
        html = client.get(url).content.decode()
        sources = webp_sources(html)
        assert sources, url
        for source in sources:
            assert re.search(r"<picture>" + re.escape(source) + r"<img ", html), url
            widths = srcset_of(source)
            assert set(widths) == expected, url
            assert 'sizes="' in source
            for width, address in widths.items():
                kind, size = stored_format(address)
                assert kind == "WEBP" and size[0] == int(width.removesuffix("w")), url
                served = client.get(address)
                assert served.status_code == 200 and served["Content-Type"] == "image/webp"


def test_small_photos_are_not_enlarged():
    photo = PhotoFactory()  # 8 × 6
    assert stored_size(renditions.rendition_url(photo.image, 1200)) == (8, 6)


def test_a_missing_upload_falls_back_to_its_address(client):
    photo = PhotoFactory(image=jpeg(900, 600))
    default_storage.delete(photo.image.name)
    response = client.get(photo.article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert photo.image.url in html
    # ... in the JPEG <img> only: the original is not offered as a WebP.
    assert all('srcset=""' in source for source in webp_sources(html))


def test_printed_page_on_edition_and_home_page(client):
    issue = IssueFactory(page_image=jpeg(2480, 3508))
    ArticleFactory(issue=issue)
    for url in [issue.get_absolute_url(), reverse("home")]:
        html = client.get(url).content.decode()
        tag = next(t for t in images(html) if "renditions/" in t)
        widths = srcset_of(tag)
        assert set(widths) == {"400w", "800w", "1400w"}, url
        assert issue.page_image.url not in re.search(r'src="([^"]+)"', tag).group(1)
    # The edition page links a large page for reading the small print: a 2,000 px JPEG
    # rendition (a page rendered from its PDF is a PNG of several megabytes).
    html = client.get(issue.get_absolute_url()).content.decode()
    zoom = re.search(r'<a href="([^"]+)">[^<]*</a>', html.split("page-map__caption")[1])[1]
    assert "renditions/" in zoom and issue.page_image.url != zoom
    with default_storage.open(zoom.removeprefix(default_storage.base_url)) as stored:
        assert Image.open(stored).width == 2000


def test_every_image_has_its_size_so_nothing_shifts_while_it_loads(client):
    issue = IssueFactory(page_image=jpeg(1200, 1800))
    photo = PhotoFactory(image=jpeg(3000, 2000), article__issue=issue)
    pages = {
        reverse("home"): 'width="1200" height="1800"',
        issue.get_absolute_url(): 'width="1200" height="1800"',
        photo.article.get_absolute_url(): 'width="3000" height="2000"',
    }
    for url, size in pages.items():
        tags = [t for t in images(client.get(url).content.decode()) if "renditions/" in t]
        assert tags and all(re.search(r'width="\d+" height="\d+"', t) for t in tags), url
        assert any(size in t for t in tags), url


def test_a_missing_upload_is_shown_without_a_size_rather_than_failing(client):
    issue = IssueFactory(page_image=jpeg(400, 600))
    default_storage.delete(issue.page_image.name)
    assert renditions.dimensions(issue.page_image) is None
    assert client.get(issue.get_absolute_url()).status_code == 200


def test_a_large_jpeg_is_decoded_at_a_fraction_of_its_size(monkeypatch):
    """A page scan's renditions never decode all its pixels (libjpeg scales while decoding)."""
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "grey").save(buffer, format="JPEG")
    photo = PhotoFactory(image=ContentFile(buffer.getvalue(), name="scan.jpg"))
    decoded = []
    resize = ResizeToFit.process

    def recording(self, image):
        decoded.append(image.size)
        return resize(self, image)

    monkeypatch.setattr(ResizeToFit, "process", recording)
    renditions.rendition_url(photo.image, 480)
    assert decoded and decoded[0][0] < 4000 and decoded[0][0] >= 480
    assert stored_size(renditions.rendition_url(photo.image, 480))[0] == 480


def test_webp_has_its_type_without_the_systems_mime_types(monkeypatch):
    """A slim image has no /etc/mime.types, and Python before 3.13 knows WebP only from it."""
    monkeypatch.setattr(mimetypes, "_db", mimetypes.MimeTypes(filenames=()))
    monkeypatch.setattr(mimetypes, "inited", True)
    renditions.register_media_types()
    assert mimetypes.guess_type("renditions/pages/a/0123.webp")[0] == "image/webp"
