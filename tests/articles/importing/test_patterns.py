"""The importer's regular expressions take time in proportion to the line, never its square:
no unbounded repetition inside another repetition (the shape that backtracks), and no pattern
that tells what a line is runs over an overlong line at all. Speed itself is measured, as
ratios, by `manage.py benchmark_import_patterns`, not here."""

import re
import re._constants as sre
import re._parser as sre_parse

import pytest

from articles.importing import matching, parser
from articles.importing import text as t

pytestmark = pytest.mark.django_db

REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def nested_unbounded(pattern):
    """The unbounded repetitions of ``pattern`` (by their text) that sit inside another
    repetition of more than one; [] for a pattern without that shape."""
    found = []

    def walk(items, outer):
        for op, value in items:
            if op in REPEATS:
                low, high, body = value
                if high == sre.MAXREPEAT and outer:
                    found.append(str(body))
                walk(body, outer or high > 1)
            elif op == sre.SUBPATTERN:
                walk(value[-1], outer)
            elif op == sre.BRANCH:
                for branch in value[1]:
                    walk(branch, outer)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(value[1], outer)
            elif op == sre.ATOMIC_GROUP:
                walk(value, outer)

    walk(sre_parse.parse(pattern.pattern, pattern.flags), False)
    return found


def importer_patterns():
    patterns = {
        f"{module.__name__}.{name}": value
        for module in (t, matching, parser)
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }
    finder = matching.CourtFinder()
    patterns.update(
        {
            f"CourtFinder.{name}": value
            for name, value in vars(finder).items()
            if isinstance(value, re.Pattern)
        }
    )
    return patterns


def test_the_check_finds_the_shape_that_backtracks():
    assert nested_unbounded(re.compile(r"(?:\s+\w)*x"))
    assert nested_unbounded(re.compile(r"[\w.]+@\w+(?:\.\w+)+"))
    assert not nested_unbounded(re.compile(r"^(.*?)\s{1,4}(?:\w{1,9}\s){0,7}x$"))


def test_no_import_pattern_nests_an_unbounded_repetition():
    patterns = importer_patterns()
    assert len(patterns) > 25  # every module-level pattern and the court finder's
    offenders = {name: nested_unbounded(p) for name, p in patterns.items() if nested_unbounded(p)}
    assert offenders == {}


def test_an_overlong_line_is_text_and_no_line_pattern_runs_over_it(monkeypatch):
    looked_at = []
    for name in ("parse_photo_credit", "parse_roles", "is_furniture"):
        original = getattr(t, name)

        def recording(text, original=original):
            looked_at.append(len(text))
            return original(text)

        monkeypatch.setattr(t, name, recording)
    spaced = " ".join(["审判执行"] * 1500) + " 张卓 摄"  # 7,500 characters, ends as a credit
    page = parser.parse_page(f"法院专刊\n\n## 一篇报道\n\n{spaced}\n\n下一段。\n")
    assert max(looked_at) <= t.MAX_CLASSIFIED_LINE
    [article] = page.articles
    assert article.paragraphs[0].startswith("审判执行 审判执行")
    assert not article.photos


def test_the_bounded_patterns_still_read_real_credits():
    assert t.parse_photo_credit("本报记者 肖玥  张卓 摄") == ("", ["肖玥", "张卓"])
    assert t.parse_photo_credit("法官在牧民家中调解纠纷 本报通讯员●齐翰文 摄影") == (
        "法官在牧民家中调解纠纷",
        ["齐翰文"],
    )
    assert t.parse_photo_credit("图 / 张卓") == ("", ["张卓"])
    assert t.is_furniture("投稿邮箱: fyzk@example.cn")
    assert t.is_furniture("联系我们 news.desk+fyzk@court.nmg.example.cn")
    assert t.heading_text("巡回法庭 ##") == "巡回法庭"
    assert t.heading_text("C#") == "C#"
    assert t.credit_tail("很长的一段。" * 200 + "（赤峰中院供稿）")["inner"] == "赤峰中院供稿"
