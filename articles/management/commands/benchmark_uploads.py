"""
What an image upload costs the server: the time and the peak memory of the upload check
(articles.uploads.reencode_image: verify, decode, re-encode) and of the widest rendition a
reader's page asks for (as JPEG and as WebP), for a 10-megapixel photo and a 35-megapixel page
scan (a printed page at 300 dpi), as JPEG and as PNG, each in a fresh process so that its peak
memory is its own.
Prints the machine's load with the numbers.

    .venv/bin/python manage.py benchmark_uploads [--repeat 3]

A program, not a test: the numbers depend on the machine (docs/benchmarks.md has a run).
"""

import io
import multiprocessing
import os
import resource
import time

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

from articles.renditions import WIDTHS, Rendition
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


def check(data, name):
    reencode_image(SimpleUploadedFile(name, data))


def rendition(data, name):
    """The widest rendition of a page (what the first reader of its edition waits for)."""
    Rendition(source=ContentFile(data, name=name), width=WIDTHS["page"][-1]).generate()


def webp(data, name):
    """The same rendition as a WebP (the <picture>'s first choice, made beside the JPEG)."""
    spec = Rendition(source=ContentFile(data, name=name), width=WIDTHS["page"][-1], format="WEBP")
    spec.generate()


def _measure(work, data, name, results):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    work(data, name)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    results.put((seconds, (peak - before) / 1024))


def measure(work, data, name):
    results = multiprocessing.get_context("fork").Queue()
    process = multiprocessing.get_context("fork").Process(
        target=_measure, args=(work, data, name, results)
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
        header = f"{'work':10} {'image':16} {'format':6} {'MB':>5} {'seconds':>8} {'peak MB':>8}"
        self.stdout.write(header)
        for label, size in SIZES.items():
            for fmt in ("JPEG", "PNG"):
                data = test_image(size, fmt)
                for work in (check, rendition, webp):
                    runs = sorted(measure(work, data, f"x.{fmt.lower()}") for _ in range(repeat))
                    seconds, peak = runs[len(runs) // 2]
                    self.stdout.write(
                        f"{work.__name__:10} {label:16} {fmt:6} {len(data) / 2**20:5.1f} "
                        f"{seconds:8.2f} {peak:8.0f}"
                    )
        self.stdout.write(f"load average after: {os.getloadavg()}")
