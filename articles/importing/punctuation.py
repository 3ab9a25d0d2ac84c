"""
Full-width punctuation in Chinese text.

Text extracted from a printed page often carries half-width marks where the page has full-width
ones ("6月25日,赤峰市"). Next to Chinese characters, commas, colons, semicolons, question and
exclamation marks and brackets become full-width; among Latin letters or digits they stay as they
are ("3,000", "10:30", "http://", "(1)").
"""

import re

IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation that may stand next to a mark and still mean "between Chinese text".
_OPENERS = "“‘（《〈【「『"
_CLOSERS = "”’）》〉】」』。，、；：？！…—"
_BEFORE = f"[{IDEOGRAPHS}{_CLOSERS}]"
_AFTER = f"[{IDEOGRAPHS}{_OPENERS}]"

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

# A comma, colon or semicolon with Chinese text on one side and text on the other ("指出,2024年",
# "3月1日,会议"); between digits or Latin letters it stays.
_BETWEEN = re.compile(
    rf"(?<={_BEFORE})[ \t]*([,:;])[ \t]*(?=[^\s,:;<])|(?<=[^\s,:;>])([,:;])[ \t]*(?={_AFTER})"
)
# A question or exclamation mark after Chinese text, ending a sentence or a quotation.
_ENDING = re.compile(rf"(?<={_BEFORE})([?!]+)(?=$|\s|<|{_AFTER}|[{_CLOSERS}])", re.MULTILINE)
# Brackets around something, touching or holding Chinese text.
_BRACKETS = re.compile(r"\(([^()<>\n]{0,80})\)")
_HAS_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")
_IDEOGRAPH_OR_PUNCT = re.compile(f"{_BEFORE}|{_AFTER}")


def _brackets(match):
    text, inner, start, end = match.string, match.group(1), match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    chinese = (
        _HAS_IDEOGRAPH.search(inner)
        or (before and _IDEOGRAPH_OR_PUNCT.match(before))
        or (after and _IDEOGRAPH_OR_PUNCT.match(after))
    )
    return f"（{inner}）" if chinese else match.group()


def full_width(text):
    """``text`` with the half-width punctuation between Chinese characters made full-width."""
    if not text or not _HAS_IDEOGRAPH.search(text):
        return text
    text = _BRACKETS.sub(_brackets, text)
    text = _BETWEEN.sub(lambda m: FULL_WIDTH[m.group(1) or m.group(2)], text)
    return _ENDING.sub(lambda m: "".join(FULL_WIDTH[c] for c in m.group(1)), text)


def same_text(first, second):
    """Whether two texts are the same but for the width of their punctuation (and outer spaces):
    a page imported before and after this module must still match its articles."""
    return full_width((first or "").strip()) == full_width((second or "").strip())
