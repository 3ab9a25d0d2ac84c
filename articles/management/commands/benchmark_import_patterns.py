"""
Fuzz the page importer's regular expressions for super-linear time: every pattern of
articles/importing (and the court finder's) is run, as the importer runs it (match, search or
fullmatch), over hostile lines of growing length: space-separated Chinese words, one long run
of Chinese characters, long runs of spaces, of ``**`` and ``#``, of address characters without
an ``@``, of ``《``, of digits. For each pattern and kind of line it prints how much longer the
longest line took than the shortest, against how much longer the line is: linear time keeps the
two close (×4 length → about ×4 time), quadratic would give ×16. Then the same for a whole page
holding such a line.

    .venv/bin/python manage.py benchmark_import_patterns [--size 6000] [--repeat 3]

A program, not a test: only ratios within one run are compared, never times with a target. The
times are the process's CPU time (best of --repeat), which other work on the machine disturbs
less than the clock; still, run it on an idle machine.
Exits with status 1 when any ratio is above --limit (default 8).
"""

import os
import re
import time

from django.core.management.base import BaseCommand, CommandError

from articles.importing import matching, parser
from articles.importing import text as t

STEP = 4  # the longest line is this many times the shortest


def hostile_lines(n):
    """Lines of about ``n`` characters that backtracking patterns choke on."""
    words = " ".join(["审判执行"] * (n // 5))
    return {
        "spaced words": words,
        "spaced words + 摄": words + " 张卓 摄x",
        "spaced names": "、".join(["张卓"] * (n // 3)) + " 摄影了",
        "CJK run": "法" * n,
        "spaces": "## 标题" + " " * n + "x",
        "bold marks": "**" * (n // 2) + "x",
        "hashes": "# " + "# " * (n // 2) + "x",
        "address chars": "a." * (n // 2) + "@",
        "book titles": "《" * n,
        "digits": "2" * n + "年",
        "parentheses": "。（" * (n // 2),
        "dots": "张·" * (n // 2),
    }


def patterns():
    found = {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
        for module in (t, matching, parser)
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }
    finder = matching.CourtFinder()
    for name, value in vars(finder).items():
        if isinstance(value, re.Pattern):
            found[f"CourtFinder.{name}"] = value
    return found


def timed(function, argument, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function(argument)
        best = min(best, time.process_time() - start)
    return best


# Below a millisecond the clock's and the machine's noise make the ratio: counted as 1.
NOISE = 1e-3


def ratio(small, large):
    return large / small if small > NOISE else 1.0


PAGE = "法院专刊\n\n## 一篇报道\n\n{}\n\n下一段。\n"


def parse(line):
    parser.parse_page(PAGE.format(line))


def run_all(pattern):
    def run(line):
        pattern.match(line)
        pattern.search(line)
        pattern.fullmatch(line)
        pattern.sub("", line)

    return run


class Command(BaseCommand):
    help = "Show every import pattern's time growing linearly with the line (a fuzz benchmark)."

    def add_arguments(self, parser_):
        parser_.add_argument("--size", type=int, default=6000, help="shortest line, characters")
        parser_.add_argument("--repeat", type=int, default=5, help="runs per case (best kept)")
        parser_.add_argument("--limit", type=float, default=8.0, help="highest ratio accepted")

    def handle(self, size, repeat, limit, **options):
        short, long = hostile_lines(size), hostile_lines(size * STEP)
        worst = []
        self.stdout.write(f"length ×{STEP}: time ratio (linear ≈ {STEP}, quadratic ≈ {STEP**2})")
        for name, pattern in sorted(patterns().items()):
            ratios = []
            for kind in short:
                small = timed(run_all(pattern), short[kind], repeat)
                large = timed(run_all(pattern), long[kind], repeat)
                ratios.append((ratio(small, large), kind, large))
            worst_ratio, kind, seconds = max(ratios)
            worst.append((worst_ratio, name))
            self.stdout.write(f"{name:34} ×{worst_ratio:5.1f}  ({kind}: {seconds * 1000:.1f} ms)")
        for kind in short:
            small, large = timed(parse, short[kind], repeat), timed(parse, long[kind], repeat)
            worst.append((ratio(small, large), f"parse_page({kind})"))
            self.stdout.write(
                f"{'parse_page: ' + kind:34} ×{ratio(small, large):5.1f}  ({large * 1000:.1f} ms)"
            )
        highest, name = max(worst)
        self.stdout.write(f"highest ratio: ×{highest:.1f} ({name}); load {os.getloadavg()}")
        if highest > limit:
            raise CommandError(f"{name} grows faster than linearly: ×{highest:.1f} for ×{STEP}.")
