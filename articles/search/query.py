"""
Article search: the one place that turns a reader's query into a filter, an order and snippets.

A query is words, "quoted phrases" and -exclusions. Each word is segmented by jieba the way the
articles are (segmentation.py), and an article matches when its search document (index.py)
has every word's words; a phrase must also stand as typed in one of the article's texts; an
excluded word or phrase must not be there.

PostgreSQL matches with the document's tsvector and its GIN index and orders by ts_rank: a word in
the headline (weight A) beats one in the kicker or subtitle (B), the byline, credits and courts
(C) and the body (D). SQLite, the embedded default, matches the same words in the document's text
columns and ranks by the same weights.

Ranking looks at the newest ``CANDIDATES`` matches (after the other filters): a word found in
nearly every article ("执行") costs as much as a rare one, and the count a reader sees is capped.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Value, When

from ..models import SearchDocument
from ..text import highlight
from .index import plain_text
from .segmentation import segmenter
from .tsvector import Matches, Rank, is_postgresql, query_literal

MAX_TERMS = 8  # words, phrases and exclusions together
MAX_WORDS = 12  # jieba's words of one term
CANDIDATES = 300  # matches ranked: the newest, after the other filters
SNIPPET_LENGTH = 110
SNIPPET_LEAD = 30  # characters of context before the first marked word

# "…", “…”, ＂…＂, 「…」 and 『…』, each optionally with a minus sign before it.
_PHRASE = re.compile(r'([-－]?)(?:"([^"]*)"|“([^”]*)”|＂([^＂]*)＂|「([^」]*)」|『([^』]*)』)')
_STRAY_QUOTES = re.compile(r'["“”＂「」『』]')
_MINUS = "-－"
# SQLite's stand-in for ts_rank's weights, by document column.
_COLUMN_WEIGHTS = (("headline", 1.0), ("lead", 0.4), ("names", 0.2))
_BODY_WEIGHT = 0.1


@dataclass(frozen=True)
class Term:
    text: str  # as the reader typed it
    words: tuple  # jieba's words for it
    phrase: bool = False


@dataclass
class Query:
    wanted: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    @property
    def is_empty(self):
        """Nothing to look for (an exclusion alone leaves articles out, it finds none)."""
        return not self.wanted

    @cached_property
    def marks(self):
        """What to highlight in results: phrases as typed, words whole and as jieba cuts them."""
        found = []
        for term in self.wanted:
            found.append(term.text)
            if not term.phrase:
                found.extend(segmenter.marks(term.text))
        return sorted(dict.fromkeys(found), key=len, reverse=True)

    def __str__(self):
        def shown(term):
            return f"“{term.text}”" if term.phrase else term.text

        return " ".join(
            [shown(term) for term in self.wanted] + ["-" + shown(term) for term in self.excluded]
        )


def _longest(words):
    """
    The words that no other word contains: an article with "枫桥经验" has "枫桥" and "经验" too
    (the index holds the words inside every word), so asking for them changes nothing but makes
    the query slower and PostgreSQL's estimate of its matches far too low.
    """
    return [word for word in words if not any(word != other and word in other for other in words)]


def parse_query(q):
    """A Query from what a reader typed; text that holds no word is left out."""
    segmenter.refresh()  # courts added or renamed in another process since
    query = Query()

    def add(text, phrase, excluded):
        text = " ".join(text.split())
        words = tuple(_longest(segmenter.query_words(text))[:MAX_WORDS])
        if words and len(query.wanted) + len(query.excluded) < MAX_TERMS:
            (query.excluded if excluded else query.wanted).append(Term(text, words, phrase))

    def add_words(chunk):
        for item in _STRAY_QUOTES.sub(" ", chunk).split():
            excluded = item[0] in _MINUS
            add(item.lstrip(_MINUS), False, excluded)

    q = q or ""
    end = 0
    for match in _PHRASE.finditer(q):
        add_words(q[end : match.start()])
        phrase = next(group for group in match.groups()[1:] if group is not None)
        add(phrase, True, bool(match.group(1)))
        end = match.end()
    add_words(q[end:])
    return query


def _as_query(q):
    return q if isinstance(q, Query) else parse_query(q)


_NOT_IN_ENTITY = "".join(f"(?<!&[a-z]{{{n}}})" for n in range(5))


def _body_pattern(text):
    # The body is stored as HTML: look for the text as it is escaped there, outside tags and
    # character references, so that "strong", "href" or "amp" do not match markup.
    return _NOT_IN_ENTITY + re.escape(html.escape(text, quote=False)) + r"(?![^<]*>)"


def _stands_in_text(text):
    """The article has ``text`` as typed (any case) in one of its texts."""
    return (
        Q(headline__icontains=text)
        | Q(kicker__icontains=text)
        | Q(subtitle__icontains=text)
        | Q(byline__icontains=text)
        | Q(dateline__icontains=text)
        | Q(end_credit__icontains=text)
        | Q(summary__icontains=text)
        | Q(body__iregex=_body_pattern(text))
    )


def _has_word(word):
    """SQLite: the document has ``word`` (its columns are " word word … ")."""
    padded = f" {word} "
    return (
        Q(search_document__headline__contains=padded)
        | Q(search_document__lead__contains=padded)
        | Q(search_document__names__contains=padded)
        | Q(search_document__body__contains=padded)
    )


def search_articles(queryset, q):
    """
    Narrow ``queryset`` to the articles that match ``q`` (a string or a Query). Only narrows:
    the caller's queryset (published() for readers) decides what may be found at all.
    """
    query = _as_query(q)
    if not query.wanted and not query.excluded:
        return queryset.none()
    words = [term for term in query.excluded if not term.phrase]
    if is_postgresql(connection):
        literal = query_literal([t.words for t in query.wanted], [t.words for t in words])
        queryset = queryset.filter(Matches(F("search_document__vector"), literal))
    else:
        for term in query.wanted:
            for word in term.words:
                queryset = queryset.filter(_has_word(word))
        for term in words:
            every = Q()
            for word in term.words:
                every &= _has_word(word)
            queryset = queryset.exclude(every)
    for term in query.wanted:
        if term.phrase:
            queryset = queryset.filter(_stands_in_text(term.text))
    for term in query.excluded:
        if term.phrase:
            queryset = queryset.exclude(_stands_in_text(term.text))
    return queryset


def rank_expression(query):
    """How well an article matches the words of ``query``: higher is better."""
    words = [word for term in query.wanted for word in term.words]
    if is_postgresql(connection):
        # A subquery, so that PostgreSQL ranks only the rows it keeps, not every match; on the
        # head vector, which is small: a word only in the body counts as much (D, no positions)
        # in every article, so the order is the same as by the whole vector.
        ranked = (
            SearchDocument.objects.filter(pk=OuterRef("pk"))
            .order_by()
            .values(rank=Rank(F("head_vector"), query_literal([words])))
        )
        return Subquery(ranked[:1], output_field=FloatField())
    total = Value(0.0)
    for word in words:
        padded = f" {word} "
        total += Case(
            *[
                When(**{f"search_document__{column}__contains": padded}, then=Value(weight))
                for column, weight in _COLUMN_WEIGHTS
            ],
            default=Value(_BODY_WEIGHT),
            output_field=FloatField(),
        )
    return total


class RankedResults:
    """
    The matches of a search, best first, as a sequence the paginator can slice: one query ranks
    the newest ``limit`` matches (ids only), one fetches the articles of a page.
    """

    def __init__(self, queryset, query, limit=None):
        self.queryset = queryset
        self.query = query
        self.limit = limit or CANDIDATES

    def ranking(self):
        """(pk, rank) of the newest ``limit`` matches, newest first."""
        return (
            self.queryset.order_by("-publish_at", "-pk")
            .annotate(search_rank=rank_expression(self.query))
            .values_list("pk", "search_rank")[: self.limit]
        )

    @cached_property
    def ids(self):
        rows = list(self.ranking())
        # Stable: among equal ranks the newest stays first.
        rows.sort(key=lambda row: -(row[1] or 0))
        return [pk for pk, _rank in rows]

    @property
    def capped(self):
        """There may be more matches than were ranked."""
        return len(self.ids) >= self.limit

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        if not ids:
            return []
        found = {article.pk: article for article in self.queryset.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def ranked(queryset, q):
    """The articles of ``queryset`` (already narrowed by search_articles) best first."""
    return RankedResults(queryset, _as_query(q))


def snippet(article, marks, length=SNIPPET_LENGTH):
    """
    A piece of the article's text around the first marked word (else its beginning), escaped,
    with the marked words in <mark>.
    """
    # The regular expression of search_index, not the HTML parser of text_of(): the body is
    # cleaned HTML, and a page of results has twenty of them.
    text = " ".join(plain_text(article.body).split()) or article.summary.strip()
    found = None
    if marks and text:
        pattern = re.compile("|".join(re.escape(mark) for mark in marks), re.IGNORECASE)
        found = pattern.search(text)
    if found is None:
        text = article.summary.strip() or text
    start = max(0, found.start() - SNIPPET_LEAD) if found else 0
    end = min(len(text), start + length)
    piece = text[start:end].strip()
    piece = ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
    return highlight(piece, marks)
