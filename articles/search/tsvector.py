"""
PostgreSQL full-text pieces that degrade on other databases: the tsvector column, its GIN index,
the match and rank expressions, and the literals they take.

Vectors and queries are written as tsvector/tsquery literals built from jieba's words (see
segmentation.py) rather than by to_tsvector()/to_tsquery() on the segmented text: those run
PostgreSQL's own parser again, which splits words such as "app-上线" further and, in a database
whose locale does not know Chinese letters, drops Chinese altogether. A literal is the 'simple'
configuration's result (lower case, no stemming, no stop words) computed the same way as the
query's, so the words of an article and of a query always compare equal. Literals are passed as
query parameters and every lexeme is quoted: no reader's text is ever part of the SQL.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import models

# ts_rank's default weights are {D: 0.1, C: 0.2, B: 0.4, A: 1.0}: a word in the headline counts
# ten times one in the body.
WEIGHTS = ("A", "B", "C", "D")
MAX_POSITION = 16383  # PostgreSQL's limit for a word's position


def is_postgresql(connection):
    return connection.vendor == "postgresql"


def quote_lexeme(word):
    """A lexeme as tsvector and tsquery input want it: in quotes, quotes and backslashes doubled."""
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{word}'"


def vector_literal(sections):
    """
    ``sections``: (weight letter, words) pairs, most important first. Every word gets a position
    of its own with the weight of the section it stands in (a word in two sections has both),
    except in the last section, weight D: its words get none, which ts_rank counts as D, and a
    word of the body that is also higher up keeps only its higher weight. Positions would only
    serve phrase search, which is checked on the text instead; without them the vector of a long
    article is a third smaller.
    """
    *weighted, (_weight, last) = sections
    positions = {}
    position = 0
    for weight, words in weighted:
        for word in words:
            position = min(position + 1, MAX_POSITION)
            positions.setdefault(word, []).append(f"{position}{weight}")
    parts = [f"{quote_lexeme(word)}:{','.join(at)}" for word, at in positions.items()]
    rest = [word for word in last if word not in positions]
    if rest:
        together = "\0".join(rest)
        if "'" in together or "\\" in together:
            parts.extend(map(quote_lexeme, rest))
        else:  # the usual case, at C speed: a long article has hundreds of words
            parts.append("'" + "' '".join(rest) + "'")
    return " ".join(parts)


def query_literal(required, excluded=()):
    """
    ``required``: groups of words, every word of every group must be there; ``excluded``: groups
    of words, no article that has every word of one of them. E.g. '诉源' & '治理' & !('执行').
    """
    parts = [quote_lexeme(word) for group in required for word in group]
    parts += ["!(" + " & ".join(quote_lexeme(word) for word in group) + ")" for group in excluded]
    return " & ".join(parts)


class TsVectorField(models.Field):
    """A tsvector column on PostgreSQL, written from vector_literal(); unused text elsewhere."""

    description = "full-text search vector"

    def db_type(self, connection):
        return "tsvector" if is_postgresql(connection) else "text"

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if is_postgresql(connection) and value is not None else "%s"


class VectorIndex(GinIndex):
    """A GIN index on PostgreSQL; a plain (unused) index elsewhere, so one migration fits both."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if not is_postgresql(schema_editor.connection):
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class TsQuery(models.Expression):
    """A tsquery from query_literal(), passed as a parameter."""

    output_field = models.TextField()

    def __init__(self, literal):
        super().__init__()
        self.literal = literal

    def as_sql(self, compiler, connection):
        return "%s::tsquery", [self.literal]


class Matches(models.Func):
    """``vector @@ query``: the document has the query's words."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = models.BooleanField()
    conditional = True

    def __init__(self, vector, literal):
        super().__init__(vector, TsQuery(literal))


class Rank(models.Func):
    """ts_rank(vector, query), with the default weights and no length normalisation."""

    function = "ts_rank"
    output_field = models.FloatField()

    def __init__(self, vector, literal):
        super().__init__(vector, TsQuery(literal))
