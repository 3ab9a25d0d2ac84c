"""Reading the public surfaces of corrections as a reader, a feed reader and a search engine."""

import json
import re

import feedparser
from pyld import jsonld

# The schema.org context, reduced to what it says about the terms used here (every term is in the
# schema.org vocabulary); given to the parser so that the tests need no network.
SCHEMA_CONTEXT = {"@context": {"@vocab": "http://schema.org/"}}
SCHEMA = "http://schema.org/"


def load_document(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError("Only schema.org is known offline.", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def expanded_article(html):
    """The page's NewsArticle, expanded by a JSON-LD processor (full IRIs), then compacted to
    plain schema.org terms."""
    data = json_ld(html)
    options = {"documentLoader": load_document}
    expanded = jsonld.expand(data, options)
    assert len(expanded) == 1
    assert expanded[0]["@type"] == [SCHEMA + "NewsArticle"]
    compacted = jsonld.compact(expanded, {"@vocab": SCHEMA}, options)
    return expanded[0], compacted


def correction_nodes(compacted):
    nodes = compacted.get("correction", [])
    return nodes if isinstance(nodes, list) else [nodes]


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed
