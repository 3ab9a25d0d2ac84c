"""
What changed between two texts, for people: the conflict screen and the version comparison.

The texts are compared as words (jieba's for Chinese, so that a changed name is one change, not a
scatter of characters; runs of Latin letters, digits and white space as they are), and shown whole
with the removed words struck out (<del>) and the added ones underlined (<ins>). Rich text is
compared as the text a reader reads, one line per paragraph, as Wagtail's comparison does: the
markup is not what an editor changed.
"""

import difflib
import html
import re

import jieba
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|h[1-6]|li|blockquote|figcaption|tr)>")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(value):
    """Rich text as the text a reader reads, one line per paragraph, subhead or list item."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", value or "")))
    return _BLANK_LINES.sub("\n", text).strip()


def words(text):
    """``text`` cut into words (jieba, no guessing of unknown words): joined, they are it."""
    return jieba.lcut(text, HMM=False) if text else []


def highlight(before, after):
    """HTML: ``after`` with the words removed since ``before`` in <del> and the added in <ins>,
    wrapped for any width (the class text-diff, in css/admin.css)."""
    old, new = words(str(before or "")), words(str(after or ""))
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
    return format_html('<div class="text-diff">{}</div>', mark_safe("".join(parts)))  # noqa: S308 - escaped above
