"""
What an image upload costs the server: the time and the peak memory of the upload check
(articles.uploads.reencode_image: verify, decode, re-encode) for a 10-megapixel photo and a
35-megapixel page scan (a printed page at 300 dpi), as JPEG and as PNG, each in a fresh process
so that its peak memory is its own. Print the machine's load with the numbers.

    .venv/bin/python manage.py benchmark_uploads [--repeat 3]

A program, not a test: the numbers depend on the machine (docs/benchmarks.md has a run).
"""

import io
import multiprocessing
import os
import resource
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

from articles.uploads import reencode_image

SIZES = {"10 MP photo": (3872, 2592), "35 MP page scan": (4961, 7016)}


def test_image(size, fmt):
    """A picture with detail everywhere (text-like strokes over a gradient), so that it does
    not compress to nothing as a flat image would."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 24):
        for x in range(0, width, 240):
            draw.text((x + (y % 7), y), "法院专刊 第七版 2025", fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format=fmt, quality=90) if fmt == "JPEG" else image.save(out, format=fmt)
    return out.getvalue()


def _measure(data, name, results):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    reencode_image(SimpleUploadedFile(name, data))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    results.put((seconds, (peak - before) / 1024))


def measure(data, name):
    results = multiprocessing.get_context("fork").Queue()
    process = multiprocessing.get_context("fork").Process(
        target=_measure, args=(data, name, results)
    )
    process.start()
    outcome = results.get()
    process.join()
    return outcome


class Command(BaseCommand):
    help = "Time and peak memory of the image upload check for a 10 MP photo and a 35 MP scan."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3, help="runs per case (median kept)")

    def handle(self, repeat, **options):
        self.stdout.write(f"load average before: {os.getloadavg()}")
        self.stdout.write(f"{'image':18} {'format':6} {'MB':>6} {'seconds':>8} {'peak MB':>8}")
        for label, size in SIZES.items():
            for fmt in ("JPEG", "PNG"):
                data = test_image(size, fmt)
                runs = sorted(measure(data, f"x.{fmt.lower()}") for _ in range(repeat))
                seconds, peak = runs[len(runs) // 2]
                self.stdout.write(
                    f"{label:18} {fmt:6} {len(data) / 2**20:6.1f} {seconds:8.2f} {peak:8.0f}"
                )
        self.stdout.write(f"load average after: {os.getloadavg()}")
