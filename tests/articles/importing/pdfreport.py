"""
How well the PDF import reads the pages each producer makes, on seeds of one's choosing (a
measurement, not a test): pages read exactly, misses by field, and each article's area against
the box its producer gave it.

    python -m tests.articles.importing.pdfreport --producer weasyprint --seeds 1000-1049
    python -m tests.articles.importing.pdfreport --producer all --seeds 1000-1019 --show 5

No database: the page is read and parsed as ``pdfcheck.compare`` does. Take seeds the tests do
not use, so that what is measured is the rules, not the examples they were made on.
"""

import argparse
import logging
import os
import statistics
import sys
import time
import traceback

FIELDS = (
    "edition",
    "quote",
    "banner",
    "headline",
    "kicker",
    "subtitle",
    "dateline",
    "byline",
    "end_credit",
    "credits",
    "court",
    "photo",
    "subhead",
    "paragraphs",
    "iou",
    "error",
)


def seeds_of(text):
    """ "1000-1049,7,9" → [1000, …, 1049, 7, 9]."""
    seeds = []
    for part in text.split(","):
        if "-" in part.strip("-"):
            low, high = part.split("-")
            seeds += range(int(low), int(high) + 1)
        elif part:
            seeds.append(int(part))
    return seeds


def measure(producer, seeds, show=3, out=sys.stdout):
    """Read each seed's page; print the summary; return (exact pages, pages, IoUs)."""
    from .pdfcheck import compare

    exact, made, counts, ious, shown, seconds = 0, 0, dict.fromkeys(FIELDS, 0), [], [], 0.0
    for seed in seeds:
        try:
            spec, data = producer.page(seed)
        except Exception:  # a layout that does not fit its page: the producer's, not the import's
            continue
        made += 1
        started = time.perf_counter()
        try:
            reading = compare(spec, data)
        except Exception:
            counts["error"] += 1
            shown.append((seed, "error", traceback.format_exc(limit=3).strip().splitlines()[-1]))
            continue
        finally:
            seconds += time.perf_counter() - started
        ious += list(reading.ious.values())
        if not reading.misses:
            exact += 1
        for name in {name for name, _detail in reading.misses}:
            counts[name] = counts.get(name, 0) + 1
        shown += [(seed, name, detail) for name, detail in reading.misses]
    unmade = f" ({len(seeds) - made} seeds made no page: too full)" if made < len(seeds) else ""
    print(f"{producer.name}: {exact}/{made} pages exact{unmade}", file=out)
    missed = {name: count for name, count in counts.items() if count}
    if missed:
        print(
            "  pages missing a field: " + ", ".join(f"{k} {v}" for k, v in missed.items()),
            file=out,
        )
    if ious:
        ious.sort()
        low = sum(1 for value in ious if value < 0.8)
        print(
            f"  IoU over {len(ious)} articles: min {ious[0]:.3f}, median "
            f"{statistics.median(ious):.3f}, below 0.8: {low}, below 0.7: "
            f"{sum(1 for value in ious if value < 0.7)}",
            file=out,
        )
    if made:
        print(f"  reading: {seconds / made:.2f} s a page", file=out)
    for seed, name, detail in shown[:show]:
        print(f"  seed {seed} {name}: {detail}", file=out)
    return exact, made, ious


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from . import pdfmaker

    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument(
        "--producer",
        default="all",
        help=f"one of {', '.join(pdfmaker.PRODUCERS)}, several with commas, or all",
    )
    parser.add_argument("--seeds", default="1000-1019", help="e.g. 1000-1049 or 5,8,13")
    parser.add_argument("--show", type=int, default=3, help="mismatches shown per producer")
    args = parser.parse_args(argv)
    names = list(pdfmaker.PRODUCERS) if args.producer == "all" else args.producer.split(",")
    seeds = seeds_of(args.seeds)
    for name in names:
        producer = pdfmaker.PRODUCERS[name]
        why = producer.why_not()
        if why:
            print(f"{name}: skipped ({why})")
            continue
        measure(producer, seeds, show=args.show)


if __name__ == "__main__":
    main()
