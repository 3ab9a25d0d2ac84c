"""
The demo's pictures: a few small photos drawn with Pillow (one per scene) and a drawn printed page
per layout, stored once through the storage API and shared by every photo and edition.

Drawing uses shapes only (no fonts), so the files are the same on every machine.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

PHOTO_SIZE = (640, 427)
PAGE_SIZE = (800, 1131)  # the proportions of a printed page
PHOTO_DIR = "demo/photos"
PAGE_DIR = "demo/pages"
MASTHEAD_BOTTOM = 12.0  # percent of the page height taken by the masthead
MAX_LAYOUT = 8


def _sky(draw, size, top, bottom, horizon):
    width, _ = size
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _court_building(draw, w, h):
    _sky(draw, (w, h), (96, 150, 210), (200, 225, 245), int(h * 0.7))
    draw.rectangle([0, int(h * 0.7), w, h], fill=(150, 150, 150))
    draw.rectangle([110, 150, 530, 300], fill=(232, 228, 218))
    draw.polygon([(90, 150), (320, 70), (550, 150)], fill=(210, 205, 195))
    for x in range(135, 520, 55):
        draw.rectangle([x, 165, x + 18, 300], fill=(250, 248, 240))
    for step in range(4):
        draw.rectangle(
            [90 - step * 10, 300 + step * 8, 550 + step * 10, 308 + step * 8], fill=(190, 190, 185)
        )
    draw.ellipse([300, 95, 340, 135], fill=(200, 30, 30), outline=(230, 190, 60), width=4)


def _grassland(draw, w, h):
    _sky(draw, (w, h), (70, 140, 220), (190, 220, 250), int(h * 0.55))
    draw.polygon(
        [(0, int(h * 0.55)), (w * 0.4, h * 0.48), (w, h * 0.56), (w, h), (0, h)],
        fill=(110, 170, 70),
    )
    draw.polygon(
        [(0, h * 0.75), (w * 0.6, h * 0.66), (w, h * 0.72), (w, h), (0, h)], fill=(90, 150, 55)
    )
    draw.rectangle([140, 230, 260, 290], fill=(245, 245, 240))
    draw.pieslice([130, 190, 270, 270], 180, 360, fill=(235, 235, 228))
    draw.rectangle([185, 250, 215, 290], fill=(40, 90, 160))
    draw.rounded_rectangle([360, 250, 530, 310], radius=12, fill=(240, 240, 240))
    draw.rectangle([360, 270, 530, 280], fill=(30, 70, 150))
    for x in (390, 500):
        draw.ellipse([x - 16, 298, x + 16, 330], fill=(40, 40, 40))


def _meeting(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(226, 214, 190))
    draw.rectangle([60, 30, w - 60, 90], fill=(180, 30, 30))
    draw.rectangle([0, int(h * 0.62), w, h], fill=(120, 80, 50))
    for row, y in enumerate((200, 250, 300)):
        for x in range(70 + row * 20, w - 40, 70):
            draw.ellipse([x, y, x + 34, y + 34], fill=(50, 45, 45))
            draw.rectangle([x - 4, y + 30, x + 38, y + 70], fill=(40, 50, 80))


def _courtroom(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(205, 170, 120))
    for x in range(0, w, 80):
        draw.line([(x, 0), (x, int(h * 0.5))], fill=(180, 145, 95), width=3)
    draw.ellipse([290, 30, 350, 90], fill=(200, 30, 30), outline=(230, 190, 60), width=5)
    draw.rectangle([120, 150, 520, 260], fill=(130, 80, 40))
    for x in (230, 300, 370):
        draw.ellipse([x, 110, x + 40, 150], fill=(40, 35, 35))
    draw.rectangle([40, 320, 220, 380], fill=(150, 95, 50))
    draw.rectangle([420, 320, 600, 380], fill=(150, 95, 50))


def _enforcement(draw, w, h):
    _sky(draw, (w, h), (30, 40, 80), (120, 110, 150), int(h * 0.6))
    draw.rectangle([0, int(h * 0.6), w, h], fill=(238, 240, 245))
    draw.rounded_rectangle([180, 200, 470, 300], radius=18, fill=(245, 245, 250))
    draw.rectangle([180, 240, 470, 255], fill=(30, 70, 160))
    draw.rectangle([300, 185, 350, 200], fill=(220, 40, 40))
    for x in (230, 420):
        draw.ellipse([x - 22, 285, x + 22, 329], fill=(30, 30, 30))


def _school(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(235, 232, 222))
    draw.rectangle([150, 30, 490, 170], fill=(40, 80, 60))
    draw.rectangle([0, 200, w, h], fill=(170, 140, 100))
    for row, y in enumerate((230, 290, 350)):
        for x in range(40 + row * 15, w - 30, 55):
            draw.ellipse([x, y, x + 26, y + 26], fill=(35, 30, 30))
            draw.rectangle([x - 3, y + 24, x + 29, y + 55], fill=(60, 90, 170))


def _office(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(230, 228, 220))
    draw.rectangle([420, 40, 600, 200], fill=(170, 210, 240), outline=(250, 250, 250), width=8)
    draw.rectangle([0, int(h * 0.7), w, h], fill=(160, 130, 100))
    draw.rectangle([120, 230, 520, 260], fill=(120, 75, 40))
    for x in (150, 300, 450):
        draw.ellipse([x, 150, x + 40, 190], fill=(45, 40, 40))
        draw.rectangle([x - 6, 188, x + 46, 235], fill=(40, 40, 60))


SCENES = {
    "court_building": _court_building,
    "grassland": _grassland,
    "meeting": _meeting,
    "courtroom": _courtroom,
    "enforcement": _enforcement,
    "school": _school,
    "office": _office,
}


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def photo_bytes(scene):
    image = Image.new("RGB", PHOTO_SIZE, "white")
    SCENES[scene](ImageDraw.Draw(image), *PHOTO_SIZE)
    return _jpeg(image)


def _rows(count):
    """Stories per row below the lead story: 5 stories -> [3, 2], 4 -> [2, 2]."""
    rows = []
    while count > 0:
        take = 3 if count in (3, 5, 6, 9) or count > 6 else min(count, 2)
        rows.append(take)
        count -= take
    return rows


def page_layout(count):
    """Rectangles (left, top, width, height in percent) for ``count`` stories on a page."""
    count = max(1, min(count, MAX_LAYOUT))
    left, right, top, bottom, gutter = 2.0, 98.0, MASTHEAD_BOTTOM + 1.0, 98.0, 1.0
    rects = []
    if count > 1:
        lead_height = (bottom - top) * 0.34
        rects.append((left, top, right - left, lead_height))
        top += lead_height + gutter
        rows = _rows(count - 1)
    else:
        rows = [1]
    row_height = (bottom - top - gutter * (len(rows) - 1)) / len(rows)
    for index, columns in enumerate(rows):
        y = top + index * (row_height + gutter)
        width = (right - left - gutter * (columns - 1)) / columns
        for column in range(columns):
            x = left + column * (width + gutter)
            rects.append((x, y, width, row_height))
    return [tuple(round(value, 2) for value in rect) for rect in rects]


def page_bytes(count):
    """A printed page with ``count`` story blocks where page_layout() puts them."""
    width, height = PAGE_SIZE
    image = Image.new("RGB", PAGE_SIZE, (248, 246, 240))
    draw = ImageDraw.Draw(image)
    masthead = int(height * MASTHEAD_BOTTOM / 100)
    draw.rectangle([16, 16, 300, masthead - 16], fill=(190, 25, 25))
    draw.line([(16, masthead - 6), (width - 16, masthead - 6)], fill=(60, 60, 60), width=3)
    for y in range(28, masthead - 24, 16):
        draw.line([(330, y), (width - 24, y)], fill=(170, 170, 170), width=4)
    for number, (left, top, w, h) in enumerate(page_layout(count)):
        x0, y0 = int(left * width / 100), int(top * height / 100)
        x1, y1 = int((left + w) * width / 100), int((top + h) * height / 100)
        draw.rectangle([x0, y0, x1, y1], outline=(200, 200, 200))
        draw.rectangle([x0 + 8, y0 + 8, x1 - 8, y0 + 30], fill=(45, 45, 45))
        text_left = x0 + 8
        if number == 0 and count > 1:  # the lead story has a picture
            draw.rectangle([x0 + 8, y0 + 40, x0 + (x1 - x0) // 3, y1 - 10], fill=(150, 160, 170))
            text_left = x0 + (x1 - x0) // 3 + 10
        for y in range(y0 + 42, y1 - 8, 11):
            draw.line([(text_left, y), (x1 - 8, y)], fill=(185, 185, 185), width=3)
    return _jpeg(image)


def photo_name(scene):
    return f"{PHOTO_DIR}/{scene}.jpg"


def page_name(count):
    return f"{PAGE_DIR}/page-{max(1, min(count, MAX_LAYOUT))}.jpg"


def ensure_files(storage):
    """Store every demo picture that is not there yet; return the names."""
    files = {photo_name(scene): lambda scene=scene: photo_bytes(scene) for scene in SCENES}
    files.update(
        {
            page_name(count): lambda count=count: page_bytes(count)
            for count in range(1, MAX_LAYOUT + 1)
        }
    )
    for name, make in files.items():
        if not storage.exists(name):
            saved = storage.save(name, ContentFile(make()))
            if saved != name:  # a storage that renames would break the shared names
                raise RuntimeError(f"storage saved {name} as {saved}")
    return sorted(files)
