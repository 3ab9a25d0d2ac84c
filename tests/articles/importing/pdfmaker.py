"""
Page PDFs made by the test suite from text this project writes, by several producers (reportlab,
WeasyPrint, Chromium and Typst) and in several manners, each with its ground truth: the articles' fields and the box
(in points, from the page's top left) the producer gave each article.

Producers:
- ``reportlab_page(spec, manner=...)``: "lines" draws line by line; "chars" places every
  character on its own; "shuffled" draws the blocks out of reading order.
- ``weasyprint_page(spec)``: HTML and CSS (columns, bold datelines, a real line breaker).
- ``weasyprint_grid_page`` and ``chromium_page``: pages on a CSS grid (``page_html``).
- ``typst_page``: the same grid typeset by Typst, photos cropped by clipping, a tagged PDF.

``PRODUCERS`` names each of them (``register`` adds one): the tests and the measurement report
(``python -m tests.articles.importing.pdfreport``) take them from there.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.chromium import CHROMIUM_ARGS

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

PLACES = [
    ("赤峰市中级人民法院", "赤峰讯"),
    ("包头市中级人民法院", "包头讯"),
    ("呼和浩特市中级人民法院", "呼和浩特讯"),
    ("鄂尔多斯市中级人民法院", "鄂尔多斯讯"),
    ("乌海市中级人民法院", "乌海讯"),
    ("通辽市中级人民法院", "通辽讯"),
]
HEADLINES = [
    "守护草原生态 护航绿色发展",
    "巡回审判进牧区 法律服务到家门",
    "多元解纷促和谐",
    "执行攻坚显担当 兑现胜诉暖民心",
    "少年法庭护成长",
    "诉源治理见实效 矛盾化解在基层",
    "智慧法院建设让群众少跑腿多办事得实惠",
]
KICKERS = ["聚焦司法为民", "一线见闻", "法治护航营商环境"]
SUBTITLES = ["——基层法庭工作纪实", "记全区法院一站式诉讼服务建设", "——调解员的一天"]
SENTENCES = [
    "近日,{court}组织干警深入辖区嘎查村开展法治宣传活动,为群众讲解与生产生活密切相关的法律知识。",
    "活动中,干警们结合真实案例,用通俗易懂的语言解答了群众关心的土地承包、婚姻家庭等问题。",
    "今年以来,该院坚持把非诉讼纠纷解决机制挺在前面,推动矛盾纠纷就地化解。",
    "该院还建立了“法官+调解员”工作模式,邀请人民调解员参与案件调处,累计化解纠纷三百余件。",
    "下一步,{court}将持续深化诉源治理,不断提升司法服务水平,为辖区经济社会发展提供有力保障。",
    "与会人员一致表示,要把学习成果转化为推动工作的实际行动,以更高标准做好审判执行工作。",
    "据统计,全年共审结各类案件一千二百余件,结案率同比上升百分之六。",
    "在执行工作中,干警们克服路途遥远、天气寒冷等困难,先后多次前往被执行人住所地开展工作。",
]
SUBHEADS = ["强化责任担当", "创新工作机制", "提升服务质效"]
NAMES = ["王海燕", "李志刚", "张晓东", "刘慧敏", "陈建国", "赵雅琴", "孙立新", "周文博"]
QUOTES = [
    ("坚持以人民为中心的发展思想,让人民群众在每一个司法案件中感受到公平正义。", "——本版编者"),
    ("司法为民永远在路上\n公平正义始终在心间", "——一位老法官的寄语"),
]
BANNERS = ["学习贯彻党的二十大精神", "基层法庭巡礼"]


@dataclass
class ArticleSpec:
    headline: str
    dateline: str
    paragraphs: list[str]
    court: str
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    credits: list = field(default_factory=list)  # (role, name)
    end_credit: str = ""
    subhead: str = ""
    photo: tuple | None = None  # (caption, photographer)
    columns: int = 1  # how many page columns the article spans
    blocks: list | None = None  # ("p" or "h", text) in order, instead of paragraphs and subhead
    box: tuple | None = None  # (x0, top, x1, bottom) in points, filled by the producer


@dataclass
class PageSpec:
    date: str
    page: int
    columns: int
    articles: list[ArticleSpec]
    quote: str = ""
    attribution: str = ""
    banner: str = ""
    masthead: str = "centred"  # or "row"
    rows: list = field(default_factory=list)  # [[article index, ...], ...] left to right
    height: float = 1191.0  # points


def spec_from_text(parsed):
    """A page to typeset from what the text import read of a page's text (a ParsedPage): each
    article in a row of its own over three columns."""
    articles = []
    for index, article in enumerate(parsed.articles):
        spec = ArticleSpec(
            headline=article.headline,
            dateline=article.dateline,
            paragraphs=[],
            court="",
            kicker=article.kicker,
            subtitle=article.subtitle,
            byline=article.byline,
            credits=[(c.role, c.name) for c in article.credits],
            end_credit=article.end_credit,
            columns=3,
            blocks=[(b.kind, b.text) for b in article.blocks],
        )
        articles.append((index, spec))
    return PageSpec(
        date=f"{parsed.date:%Y年%m月%d日}",
        page=parsed.page_number,
        columns=3,
        articles=[spec for _i, spec in articles],
        quote=parsed.quote,
        attribution=f"——{parsed.quote_attribution}" if parsed.quote_attribution else "",
        banner=parsed.banner,
        rows=[[index] for index, _spec in articles],
        height=1990.0,
    )


def make_spec(seed, articles=None, columns=None):
    """A page of this project's own text: 2–6 articles in 2–4 columns, from ``seed``."""
    rng = random.Random(seed)
    columns = columns or rng.randint(2, 4)
    count = articles or rng.randint(2, 6)
    specs = []
    headlines = rng.sample(HEADLINES, count) if count <= len(HEADLINES) else HEADLINES[:count]
    for index in range(count):
        court, dateline = PLACES[(seed + index) % len(PLACES)]
        sentences = [s.format(court=court) for s in rng.sample(SENTENCES, rng.randint(3, 5))]
        paragraphs = []
        while sentences:
            take = rng.randint(1, 2)
            paragraphs.append("".join(sentences[:take]))
            sentences = sentences[take:]
        article = ArticleSpec(headlines[index], dateline, paragraphs, court)
        kind = rng.random()
        if kind < 0.3:
            name = rng.choice(NAMES)
            article.end_credit = f"({name})"
            article.credits = [("author", name)]
        elif kind < 0.6:
            article.end_credit = f"({court}供稿)"
            article.credits = [("organisation", court)]
        else:
            reporter, correspondent = rng.sample(NAMES, 2)
            article.byline = f"本报记者●{reporter} 通讯员●{correspondent}"
            article.credits = [("reporter", reporter), ("correspondent", correspondent)]
        if rng.random() < 0.35:
            article.kicker = rng.choice(KICKERS)
        if rng.random() < 0.35:
            article.subtitle = rng.choice(SUBTITLES)
        if rng.random() < 0.4 and len(article.paragraphs) > 2:
            article.subhead = rng.choice(SUBHEADS)
        if rng.random() < 0.4:
            photographer = rng.choice(NAMES)
            article.photo = (f"图为{court}干警向群众发放法治宣传资料。", photographer)
            article.credits.append(("photographer", photographer))
        specs.append(article)
    rows, left = [], list(range(count))
    row_count = max(-(-count // columns), rng.randint(1, min(3, count)))
    while left:
        take = -(-len(left) // (row_count - len(rows)))
        row = left[:take]
        left = left[take:]
        spans = [1] * len(row)
        for _ in range(columns - len(row)):
            spans[rng.randrange(len(row))] += 1
        for index, span in zip(row, spans, strict=True):
            specs[index].columns = span
        rows.append(row)
    quote, attribution = QUOTES[seed % len(QUOTES)] if rng.random() < 0.7 else ("", "")
    return PageSpec(
        date=f"2025年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日",
        page=rng.randint(1, 8),
        columns=columns,
        articles=specs,
        quote=quote,
        attribution=attribution,
        banner=rng.choice(BANNERS) if rng.random() < 0.3 else "",
        masthead=rng.choice(["centred", "row"]),
        rows=rows,
    )


def without_unicode_mapping(data):
    """The same PDF with its fonts' Unicode mapping and embedded font programs taken out, as
    some layout systems export: its text reads as garbage."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        del descriptor[NameObject(key)]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def joined(*pdfs):
    """One PDF of the pages of ``pdfs``, in order."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def picture_only_page():
    """A scanned page: one picture and no text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=(842.0, 1191.0))
    canvas.drawImage(ImageReader(io.BytesIO(picture_png(600, 850))), 0, 0, 842.0, 1191.0)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def blank_pages(count, size=(842.0, 1191.0)):
    from reportlab.pdfgen import canvas as rl_canvas

    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=size)
    for _ in range(count):
        canvas.drawString(40, 40, "x")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def iou(a, b):
    """Intersection over union of two (x0, top, x1, bottom) boxes."""
    x0, top = max(a[0], b[0]), max(a[1], b[1])
    x1, bottom = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, bottom - top)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area else 0


def picture_png(width=240, height=160, colour=(90, 120, 160)):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 4, height // 4, width // 2, height // 2), fill=(230, 200, 120))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# reportlab: this module sets every line itself.

PAGE_W, PAGE_H = 842.0, 1191.0
MARGIN = 40.0
GUTTER = 14.0
BODY = 10.0
LEADING = 15.0


class _Setter:
    def __init__(self, manner, rng, height):
        self.height = height
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if "WQY" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))
        self.width = pdfmetrics.stringWidth
        self.manner = manner
        self.ops = []  # drawing operations, each a list: drawn in order or shuffled by block
        self.rng = rng

    def wrap(self, text, size, width, indent=0.0):
        lines, line, used = [], "", indent
        for char in text:
            w = self.width(char, "WQY", size)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += w
        if line:
            lines.append(line)
        return lines

    def text(self, x, top, line, size):
        """A line whose top is at ``top`` (points from the page's top)."""
        self.ops.append(("text", x, top, line, size))

    def draw(self, canvas):
        ops = list(self.ops)
        if self.manner == "shuffled":
            self.rng.shuffle(ops)
        for op in ops:
            if op[0] == "text":
                _kind, x, top, line, size = op
                baseline = self.height - top - size * 0.88
                canvas.setFont("WQY", size)
                if self.manner == "chars":
                    for char in line:
                        canvas.drawString(x, baseline, char)
                        x += self.width(char, "WQY", size)
                else:
                    canvas.drawString(x, baseline, line)
            elif op[0] == "image":
                _kind, x, top, w, h, data = op
                from reportlab.lib.utils import ImageReader

                canvas.drawImage(ImageReader(io.BytesIO(data)), x, self.height - top - h, w, h)
            elif op[0] == "rect":
                _kind, x, top, w, h = op
                canvas.rect(x, self.height - top - h, w, h)


def reportlab_page(spec, manner="lines", seed=0):
    """The page as a PDF made by reportlab; fills each article's ``box``. Returns bytes."""
    from reportlab.pdfgen import canvas as rl_canvas

    rng = random.Random(seed)
    setter = _Setter(manner, rng, spec.height)
    top = _rl_masthead(setter, spec)
    column = (PAGE_W - 2 * MARGIN - (spec.columns - 1) * GUTTER) / spec.columns
    for row in spec.rows:
        x, bottom = MARGIN, top
        for index in row:
            article = spec.articles[index]
            width = article.columns * column + (article.columns - 1) * GUTTER
            end = _rl_article(setter, article, x, top, width, article.columns, column)
            article.box = (x, top, x + width, end)
            bottom = max(bottom, end)
            x += width + GUTTER
        top = bottom + 22
    assert top < spec.height, "the page is too full"
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=(PAGE_W, spec.height))
    setter.draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _rl_masthead(setter, spec):
    edition = f"{spec.date} {spec.page:02d}版" if spec.page else spec.date
    if spec.masthead == "centred":
        setter.text(PAGE_W / 2 - 80, MARGIN, "法院专刊", 40)
        setter.text(PAGE_W / 2 - 75, MARGIN + 50, "内蒙古自治区高级人民法院", 12.5)
        setter.text(MARGIN, MARGIN + 72, "邮箱:fyzk@example.cn 电话:(0471)1234567", 9)
        setter.text(PAGE_W - MARGIN - 160, MARGIN + 72, edition, 11)
        top = MARGIN + 96
    else:
        setter.text(MARGIN, MARGIN, "法院专刊", 36)
        setter.text(PAGE_W - MARGIN - 210, MARGIN + 4, edition + " 星期五", 11)
        setter.text(PAGE_W - MARGIN - 210, MARGIN + 22, "内蒙古自治区高级人民法院", 11)
        top = MARGIN + 56
    if spec.quote:
        lines = []
        for part in spec.quote.split("\n"):
            lines += setter.wrap(part, 11.5, PAGE_W - 2 * MARGIN - 40)
        y = top + 8
        for line in lines:
            setter.text(MARGIN + 20, y, line, 11.5)
            y += 17
        setter.text(PAGE_W - MARGIN - 260, y, spec.attribution, 11.5)
        y += 17
        setter.ops.append(("rect", MARGIN, top, PAGE_W - 2 * MARGIN, y - top + 6))
        top = y + 20
    if spec.banner:
        setter.text(MARGIN, top, spec.banner, 15)
        top += 36
    return top


def _rl_article(setter, article, x, top, width, columns, column):
    y = top
    if article.kicker:
        setter.text(x, y, article.kicker, 13)
        y += 19
    for line in setter.wrap(article.headline, 22, width):
        setter.text(x + max(0, (width - setter.width(line, "WQY", 22)) / 2), y, line, 22)
        y += 28
    if article.subtitle:
        setter.text(x, y, article.subtitle, 13)
        y += 20
    y += 4
    if article.byline:
        setter.text(x, y, article.byline, BODY)
        y += LEADING + 2
    if article.photo:
        w = min(width, column * 1.0 if columns == 1 else column * 2 + GUTTER)
        h = min(w * 0.5, 140)
        setter.ops.append(("image", x, y, w, h, picture_png()))
        y += h + 4
        caption, photographer = article.photo
        for line in setter.wrap(caption, 9, w):
            setter.text(x, y, line, 9)
            y += 13
        setter.text(x + w - 60, y, f"{photographer} 摄", 9)
        y += 20
    # The body: (text, indent, is a subhead) lines flowed over the columns.
    flow = []
    if article.blocks is not None:
        first = True
        for kind, text in article.blocks:
            if kind == "h":
                flow.append((text, 0.0, 11.5))
                continue
            if first and article.dateline:
                text = f"{article.dateline} {text}"
            first = False
            for n, line in enumerate(setter.wrap(text, BODY, column, indent=2 * BODY)):
                flow.append((line, 2 * BODY if n == 0 else 0.0, BODY))
        if article.end_credit:
            flow.append(
                (article.end_credit, column - setter.width(article.end_credit, "WQY", BODY), BODY)
            )
    for number, paragraph in enumerate(article.paragraphs if article.blocks is None else []):
        if number == 0:
            paragraph = f"{article.dateline} {paragraph}"
        if article.subhead and number == len(article.paragraphs) - 1:
            flow.append((article.subhead, 0.0, 11.5))
        last = number == len(article.paragraphs) - 1
        if last and article.end_credit:
            paragraph += article.end_credit
        lines = setter.wrap(paragraph, BODY, column, indent=2 * BODY)
        for n, line in enumerate(lines):
            flow.append((line, 2 * BODY if n == 0 else 0.0, BODY))
    per_column = -(-len(flow) // columns)
    bottom = y
    for c in range(columns):
        cy = y
        for line, indent, size in flow[c * per_column : (c + 1) * per_column]:
            setter.text(x + c * (column + GUTTER) + indent, cy, line, size)
            cy += LEADING if size == BODY else LEADING + 5
        bottom = max(bottom, cy)
    return bottom - (LEADING - BODY)


def _figure_html(a, picture, e):
    return (
        f'<figure><img src="{picture}" alt=""><figcaption>{e(a.photo[0])}'
        f"<span class=credit>{e(a.photo[1])} 摄</span></figcaption></figure>"
    )


def _paragraphs_html(a, paragraphs, e):
    """The body's paragraphs ((number, text) pairs): the dateline in bold before the first, the
    subhead before the last, the end credit after it."""
    last = len(a.paragraphs) - 1
    out = []
    for number, paragraph in paragraphs:
        if a.subhead and number == last:
            out.append(f"<h3>{e(a.subhead)}</h3>")
        text = e(paragraph)
        if number == 0:
            text = f"<b>{e(a.dateline)}</b>\u3000{text}"
        if number == last and a.end_credit:
            text += e(a.end_credit)
        out.append(f"<p>{text}</p>")
    return out


def _heads_html(a, e):
    heads = [f"<p class=kicker>{e(a.kicker)}</p>"] if a.kicker else []
    heads.append(f"<h2>{e(a.headline)}</h2>")
    if a.subtitle:
        heads.append(f"<p class=subtitle>{e(a.subtitle)}</p>")
    return "".join(heads)


def weasyprint_page(spec):
    """The page as a PDF made by WeasyPrint; fills each article's ``box``. Returns bytes."""
    import base64
    import html

    from weasyprint import HTML

    e = html.escape
    picture = "data:image/png;base64," + base64.b64encode(picture_png()).decode()
    parts = [
        "<header>",
        '<h1 class="title">法院专刊</h1>',
        "<p class=org>内蒙古自治区高级人民法院</p>",
        f"<p class=edition>{e(spec.date)} 第{spec.page}版</p>",
        "</header>",
    ]
    if spec.quote:
        quote = "".join(f"<p>{e(line)}</p>" for line in spec.quote.split("\n"))
        parts.append(f"<div class=quote>{quote}<p>{e(spec.attribution)}</p></div>")
    if spec.banner:
        parts.append(f"<div class=banner>{e(spec.banner)}</div>")
    for row in spec.rows:
        parts.append("<div class=row>")
        for index in row:
            a = spec.articles[index]
            body = [f"<p class=byline>{e(a.byline)}</p>"] if a.byline else []
            if a.photo:
                body.append(_figure_html(a, picture, e))
            body += _paragraphs_html(a, enumerate(a.paragraphs), e)
            parts.append(
                f'<article id="a{index}" style="flex: {a.columns} 1 0">'
                f"<div class=heads>{_heads_html(a, e)}</div>"
                f"<div class=body>{''.join(body)}</div></article>"
            )
        parts.append("</div>")
    css = """
    @page { size: 297mm 420mm; margin: 14mm; }
    body { font-family: 'Noto Sans CJK SC'; font-size: 9pt; line-height: 1.45; margin: 0; }
    header { text-align: center; margin-bottom: 6pt; }
    .title { font-size: 38pt; margin: 0; font-weight: bold; }
    .org { font-size: 12pt; margin: 0; }
    .edition { text-align: right; font-size: 11pt; margin: 0; }
    .quote { border: 1px solid #333; padding: 4pt 16pt; margin: 6pt 0 12pt; font-size: 11pt; }
    .quote p { margin: 0; }
    .banner { font-size: 15pt; margin: 0 0 12pt; }
    .row { display: flex; gap: 16pt; margin-bottom: 18pt; align-items: flex-start; }
    h2 { font-size: 21pt; margin: 0 0 4pt; text-align: center; line-height: 1.3; }
    .kicker, .subtitle { font-size: 13pt; margin: 0 0 2pt; }
    h3 { font-size: 11.5pt; margin: 2pt 0; font-weight: bold; }
    p { margin: 0; text-indent: 2em; text-align: justify; }
    .byline, .kicker, .subtitle { text-indent: 0; }
    figure { margin: 0 0 6pt; break-inside: avoid; }
    img { width: 100%; height: auto; display: block; }
    figcaption { font-size: 9pt; }
    .credit { display: block; text-align: right; }
    """
    document = HTML(
        string=f"<html><head><style>{css}</style></head><body>{''.join(parts)}</body></html>"
    ).render()
    page = document.pages[0]
    px = 0.75  # CSS px → points
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        ident = element.get("id") if element is not None else None
        if ident and ident.startswith("a") and box.element_tag == "article":
            # The article's box as laid out: its width, and from its top to its last line or
            # picture (the flex item's own height can be larger than what it holds).
            x, y = box.border_box_x(), box.border_box_y()
            bottom = max(
                (
                    leaf.position_y + leaf.margin_height()
                    for leaf in box.descendants()
                    if not getattr(leaf, "children", None)
                ),
                default=y + box.border_height(),
            )
            article = spec.articles[int(ident[1:])]
            article.box = (x * px, y * px, (x + box.border_width()) * px, bottom * px)
    if len(document.pages) != 1:
        raise ValueError("the page does not fit on one sheet")
    return document.write_pdf()


# The producers by name: each makes a page from a seed, with its ground truth.


@dataclass
class Producer:
    """A way of making page PDFs: ``build(spec, seed)`` returns the PDF's bytes and fills each
    article's ``box``; ``spec(seed)`` makes the page to typeset; ``missing()`` says why the
    producer cannot run on this machine ("" when it can)."""

    name: str
    build: Callable
    spec: Callable = None
    missing: Callable = None

    def page(self, seed):
        spec = (self.spec or make_spec)(seed)
        return spec, self.build(spec, seed)

    def why_not(self):
        return self.missing() if self.missing else ""


PRODUCERS = {}


def register(producer):
    PRODUCERS[producer.name] = producer
    return producer


for _manner in ("lines", "chars", "shuffled"):
    register(
        Producer(
            _manner,
            lambda spec, seed, manner=_manner: reportlab_page(spec, manner=manner, seed=seed),
        )
    )
register(Producer("weasyprint", lambda spec, seed: weasyprint_page(spec)))


# Newspaper pages in HTML and CSS: a grid of page columns, each article placed on it (side by
# side, stacked beside a taller one, or wrapped round a neighbour as an L), its headline across
# its span and its text flowing in CSS columns inside it. WeasyPrint and Chromium typeset the same
# HTML; each reads back the box it laid out for every article.


@dataclass
class Placement:
    """Where an article stands on the page's grid: columns and rows from 1, as CSS counts."""

    column: int
    span: int
    row: int
    rows: int = 1
    tail: tuple | None = None  # (column, span, row): where an L-shaped article's text goes on


def make_grid_spec(seed):
    """A page from ``seed`` laid out on a grid: rows of articles side by side, a tall article
    beside two stacked ones, or an article whose text goes on down its last column beside the
    next article (an L). Fonts, gutters and rules vary with the seed too (``spec.style``)."""
    spec = make_spec(seed)
    rng = random.Random(seed * 7919 + 1)
    columns, count = spec.columns, len(spec.articles)
    placements, row, index = {}, 1, 0
    while index < count:
        left = count - index
        pattern = rng.choice(["row", "row", "stack", "l"])
        if pattern == "stack" and columns >= 2 and left >= 3:
            tall = rng.randint(1, columns - 1)
            on_left = rng.random() < 0.5
            first = 1 if on_left else columns - tall + 1
            other = tall + 1 if on_left else 1
            placements[index] = Placement(first, tall, row, 2)
            placements[index + 1] = Placement(other, columns - tall, row)
            placements[index + 2] = Placement(other, columns - tall, row + 1)
            index, row = index + 3, row + 2
        elif (
            pattern == "l"
            and columns >= 2
            and left >= 2
            and len(spec.articles[index].paragraphs) >= 3
        ):
            placements[index] = Placement(1, columns, row, 1, (columns, 1, row + 1))
            placements[index + 1] = Placement(1, columns - 1, row + 1)
            index, row = index + 2, row + 2
        else:
            take = rng.randint(1, min(columns, left, 3))
            spans = [1] * take
            for _ in range(columns - take):
                spans[rng.randrange(take)] += 1
            column = 1
            for span in spans:
                placements[index] = Placement(column, span, row)
                column += span
                index += 1
            row += 1
    for number, article in enumerate(spec.articles):
        article.columns = placements[number].span
        article.placement = placements[number]
    spec.rows = []
    spec.style = {
        "body": rng.choice(["Noto Sans CJK SC", "Noto Serif CJK SC"]),
        "heads": rng.choice(["Noto Sans CJK SC", "Noto Serif CJK SC"]),
        "size": rng.choice([8.5, 9.0, 9.5]),
        "headline": rng.choice([18, 20, 22, 24]),
        "gutter": rng.choice([10, 14, 18]),
        "rules": rng.random() < 0.5,
        "centred": rng.random() < 0.6,
        "photo_top": rng.random() < 0.5,
        "quote_box": rng.choice(["full", "narrow"]),
    }
    return spec


def _article_html(a, index, picture, e, part=None):
    """One article's HTML; ``part`` "main" or "tail" for the two halves of an L."""
    body = []
    paragraphs = list(enumerate(a.paragraphs))
    if part is not None:
        cut = max(2, len(paragraphs) - 1) if part == "main" else None
        paragraphs = (
            paragraphs[:cut] if part == "main" else paragraphs[max(2, len(paragraphs) - 1) :]
        )
    if a.byline and part != "tail":
        body.append(f"<p class=byline>{e(a.byline)}</p>")
    figure = _figure_html(a, picture, e) if a.photo and part != "tail" else ""
    body += _paragraphs_html(a, paragraphs, e)
    if part == "tail":
        return f"<div class=body>{''.join(body)}</div>"
    width = 100 if a.columns == 1 else 50
    top = figure.replace("<figure>", f'<figure style="width: {width}%">')
    top = top if figure and (a.columns == 1 or a._photo_top) else ""
    inline = figure if figure and not top else ""
    return (
        f"<div class=heads>{_heads_html(a, e)}</div>{top}"
        f'<div class=body style="column-count: {a.columns if part is None else a.columns}">'
        f"{inline}{''.join(body)}</div>"
    )


def page_html(spec):
    """The page's HTML on a CSS grid; each article (and an L's tail) has an id to find its box."""
    import base64
    import html

    e = html.escape
    style = spec.style
    picture = "data:image/png;base64," + base64.b64encode(picture_png(300, 160)).decode()
    edition = f"{e(spec.date)} 第{spec.page}版" if spec.page else e(spec.date)
    if spec.masthead == "centred":
        head = (
            '<header class=centred><h1 class="title">法院专刊</h1>'
            f"<p class=org>内蒙古自治区高级人民法院</p><p class=edition>{edition}</p></header>"
        )
    else:
        head = (
            '<header class=row><h1 class="title">法院专刊</h1><div class=ear>'
            f"<p>{edition} 星期五</p><p>内蒙古自治区高级人民法院</p></div></header>"
        )
    parts = [head]
    if spec.quote:
        quote = "".join(f"<p>{e(line)}</p>" for line in spec.quote.split("\n"))
        parts.append(
            f"<div class='quote {style['quote_box']}'>{quote}"
            f"<p class=by>{e(spec.attribution)}</p></div>"
        )
    if spec.banner:
        parts.append(f"<div class=banner>{e(spec.banner)}</div>")
    parts.append("<main>")
    for index, a in enumerate(spec.articles):
        a._photo_top = style["photo_top"]
        p = a.placement
        where = f"grid-column: {p.column} / span {p.span}; grid-row: {p.row} / span {p.rows}"
        if p.tail:
            parts.append(
                f'<article id="a{index}" style="{where}">{_article_html(a, index, picture, e, "main")}'
                "</article>"
            )
            column, span, row = p.tail
            parts.append(
                f'<article id="t{index}" class=tail style="grid-column: {column} / span {span}; '
                f'grid-row: {row}">{_article_html(a, index, picture, e, "tail")}</article>'
            )
        else:
            parts.append(
                f'<article id="a{index}" style="{where}">{_article_html(a, index, picture, e)}'
                "</article>"
            )
    parts.append("</main>")
    gutter = style["gutter"]
    rule = "column-rule: 0.5pt solid #999;" if style["rules"] else ""
    css = f"""
    @page {{ size: {GRID_PAGE[0]}px {GRID_PAGE[1]}px; margin: 0; }}
    html, body {{ margin: 0; }}
    body {{ padding: 14mm; font-family: '{style["body"]}'; font-size: {style["size"]}pt;
            line-height: 1.5; }}
    header.centred {{ text-align: center; margin-bottom: 6pt; }}
    header.row {{ display: flex; justify-content: space-between; align-items: flex-end;
                 border-bottom: 2pt solid #a00; margin-bottom: 8pt; }}
    .title {{ font-size: 38pt; margin: 0; font-weight: bold; font-family: '{style["heads"]}'; }}
    .org {{ font-size: 12pt; margin: 0; }}
    .edition {{ text-align: right; font-size: 11pt; margin: 0; }}
    .ear p {{ font-size: 11pt; margin: 0; text-indent: 0; }}
    .quote {{ border: 1px solid #333; padding: 4pt 16pt; margin: 6pt 0 12pt; font-size: 11pt; }}
    .quote.narrow {{ margin-left: 15%; margin-right: 15%; }}
    .quote p {{ margin: 0; text-indent: 0; }}
    .quote .by {{ text-align: right; }}
    .banner {{ font-size: 15pt; margin: 0 0 12pt; font-weight: bold; }}
    main {{ display: grid; grid-template-columns: repeat({spec.columns}, minmax(0, 1fr));
            column-gap: {gutter}pt; row-gap: 16pt; align-items: start; }}
    article {{ min-width: 0; }}
    .heads {{ font-family: '{style["heads"]}'; {"text-align: center;" if style["centred"] else ""}
              margin-bottom: 4pt; }}
    h2 {{ font-size: {style["headline"]}pt; margin: 0 0 2pt; line-height: 1.3; }}
    .kicker, .subtitle {{ font-size: 13pt; margin: 0 0 2pt; text-indent: 0; }}
    .body {{ column-gap: {gutter}pt; {rule} }}
    h3 {{ font-size: {style["size"] + 2}pt; margin: 2pt 0; font-weight: bold; }}
    p {{ margin: 0; text-indent: 2em; text-align: justify; }}
    .byline {{ text-indent: 0; margin-bottom: 2pt; }}
    figure {{ margin: 0 0 6pt; break-inside: avoid; }}
    img {{ width: 100%; height: auto; display: block; }}
    figcaption {{ font-size: {style["size"]}pt; }}
    .credit {{ display: block; text-align: right; }}
    """
    return f"<html><head><meta charset=utf-8><style>{css}</style></head><body>{''.join(parts)}</body></html>"


GRID_PAGE = (1320, 1880)  # CSS px: 990 × 1410 points, about a broadsheet's page (对开)


def _grid_boxes(spec, found):
    """Each article's box or boxes from ``found``: {element id: (x0, top, x1, bottom) in points}."""
    for index, article in enumerate(spec.articles):
        main = found[f"a{index}"]
        tail = found.get(f"t{index}")
        article.box = [main, tail] if tail else main


def weasyprint_grid_page(spec):
    """``page_html`` typeset by WeasyPrint; each article's box read from its layout tree."""
    from weasyprint import HTML

    document = HTML(string=page_html(spec)).render()
    if len(document.pages) != 1:
        raise ValueError("the page does not fit on one sheet")
    px = 0.75
    found = {}
    for box in document.pages[0]._page_box.descendants():
        element = getattr(box, "element", None)
        ident = element.get("id") if element is not None else None
        if ident and box.element_tag == "article":
            x, y = box.border_box_x(), box.border_box_y()
            found[ident] = (
                x * px,
                y * px,
                (x + box.border_width()) * px,
                (y + box.border_height()) * px,
            )
    _grid_boxes(spec, found)
    return document.write_pdf()


CHROMIUM = "/usr/bin/chromium"


def chromium_missing():
    import importlib.util
    import os

    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed"
    if not os.path.exists(CHROMIUM):
        return f"Chromium is not at {CHROMIUM}"
    return ""


class _Chromium:
    """One browser for every page a process makes (starting one takes a while)."""

    browser = None
    playwright = None

    @classmethod
    def page(cls):
        if cls.browser is None:
            import atexit

            from playwright.sync_api import sync_playwright

            cls.playwright = sync_playwright().start()
            cls.browser = cls.playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            atexit.register(cls.close)
        return cls.browser.new_page()

    @classmethod
    def close(cls):
        if cls.browser is not None:
            cls.browser.close()
            cls.playwright.stop()
            cls.browser = cls.playwright = None


def close_chromium():
    _Chromium.close()


def chromium_page(spec):
    """``page_html`` printed to PDF by Chromium (Skia's PDF writer); each article's box from
    getBoundingClientRect, in CSS px, at 0.75 point a px."""
    from pypdf import PdfReader

    page = _Chromium.page()
    try:
        # The screen layout that getBoundingClientRect measures is the printed one: the same
        # width, print media.
        page.set_viewport_size({"width": GRID_PAGE[0], "height": GRID_PAGE[1]})
        page.emulate_media(media="print")
        page.set_content(page_html(spec), wait_until="load")
        found = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('article')].map(a => {
                const r = a.getBoundingClientRect();
                return [a.id, [r.left * 0.75, r.top * 0.75, r.right * 0.75, r.bottom * 0.75]];
            }))"""
        )
        data = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    if len(PdfReader(io.BytesIO(data)).pages) != 1:
        raise ValueError("the page does not fit on one sheet")
    _grid_boxes(spec, {key: tuple(value) for key, value in found.items()})
    return data


register(Producer("weasyprint-grid", lambda spec, seed: weasyprint_grid_page(spec), make_grid_spec))
register(
    Producer("chromium", lambda spec, seed: chromium_page(spec), make_grid_spec, chromium_missing)
)


# Typst: the same grid of articles as the HTML pages, typeset by Typst's own layout engine (its
# line breaker, CJK justification and columns, and its PDF writer, which tags the PDF: structure
# elements with attribute objects). Photos are cropped to their frame, as layout systems place
# them: the picture itself stands out of the frame under its neighbours.


def typst_missing():
    import importlib.util

    if importlib.util.find_spec("typst") is None:
        return "the typst package is not installed"
    return ""


def _typ(text):
    """A Typst string literal shown as text: ``#"…"``."""
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


TYPST_HEAD = """
#let mark(id, body) = layout(size => {
  let b = block(width: size.width, body)
  let h = measure(b).height
  place(top + left, context [#metadata((id: id, x: here().position().x.pt(),
    y: here().position().y.pt(), w: size.width.pt(), h: h.pt()))<box>])
  b
})
#let ends(id) = place(top + left, context [#metadata((id: id,
  page: here().position().page, y: here().position().y.pt()))<end>])
#let flow(n, gutter, slack, body) = if n == 1 { body } else {
  layout(size => {
    let width = (size.width - (n - 1) * gutter) / n
    let h = measure(block(width: width, body)).height
    block(height: h / n + slack, columns(n, gutter: gutter, body))
  })
}
#let photo(width, frame) = image("photo.png", width: width, height: frame, fit: "cover")
"""


def _typst_article(a, index, style, part=None, slack=1.2):
    """One article (or an L's ``part``, "main" or "tail") as Typst markup."""
    size = style["size"]
    gutter = style["gutter"]
    paragraphs = list(enumerate(a.paragraphs))
    if part is not None:
        cut = max(2, len(paragraphs) - 1)
        paragraphs = paragraphs[:cut] if part == "main" else paragraphs[cut:]
    body = []
    if a.byline and part != "tail":
        body.append(f"#par(first-line-indent: 0pt)[{_typ(a.byline)}]")
    last = len(a.paragraphs) - 1
    for number, paragraph in paragraphs:
        if a.subhead and number == last:
            body.append(
                f'#block(above: 4pt, below: 4pt, par(first-line-indent: 0pt, text(weight: "bold",'
                f" size: {size + 2}pt)[{_typ(a.subhead)}]))"
            )
        text = _typ(paragraph)
        if number == 0:
            text = f"#strong[{_typ(a.dateline)}]{_typ(chr(0x3000))}{text}"
        if number == last and a.end_credit:
            text += _typ(a.end_credit)
        body.append(f"#par[{text}]")
    columns = a.columns if part is None else (a.columns if part == "main" else 1)
    # Columns are filled one after the other to the block's height: the text's height over the
    # columns, and a line or so more for lines that do not divide evenly.
    slack = f"{slack * 1.45 * size}pt"
    text = f'#flow({columns}, {gutter}pt, {slack}, [\n{chr(10).join(body)}\n#ends("e{index}{part or ""}")])'
    if part == "tail":
        return text
    heads = []
    if a.kicker:
        heads.append(f"#text(size: 13pt)[{_typ(a.kicker)}]")
    heads.append(f'#text(size: {style["headline"]}pt, weight: "bold")[{_typ(a.headline)}]')
    if a.subtitle:
        heads.append(f"#text(size: 13pt)[{_typ(a.subtitle)}]")
    align = "center" if style["centred"] else "left"
    head = (
        f'#block(below: 6pt, width: 100%, {{set text(font: "{style["heads"]}"); '
        f"set par(first-line-indent: 0pt, justify: false); set align({align}); "
        f"[{chr(10).join(h + ' #linebreak()' if n < len(heads) - 1 else h for n, h in enumerate(heads))}]}})"
    )
    figure = ""
    if a.photo:
        width = "100%" if a.columns == 1 else "50%"
        caption, photographer = a.photo
        # The frame shows the middle of a picture taller than itself (cropped by clipping).
        figure = (
            f"#block(below: 6pt, width: {width}, breakable: false)["
            f"#layout(size => photo(100%, size.width * 0.4))\n"
            f"#par(first-line-indent: 0pt, text(size: {size}pt)[{_typ(caption)}])\n"
            f"#align(right, text(size: {size}pt)[{_typ(photographer + ' 摄')}])]"
        )
    return f"{head}\n{figure}\n{text}"


def typst_source(spec, slack=1.2):
    """The page as a Typst document on a grid; each article's box read back with ``mark``."""
    style = spec.style
    width, height = GRID_PAGE[0] * 0.75, GRID_PAGE[1] * 0.75
    edition = f"{spec.date} 第{spec.page}版" if spec.page else spec.date
    parts = [
        f"#set page(width: {width}pt, height: {height}pt, margin: 14mm)",
        f'#set text(font: "{style["body"]}", size: {style["size"]}pt, lang: "zh", region: "cn")',
        "#set par(justify: true, leading: 0.7em, spacing: 0.7em, "
        "first-line-indent: (amount: 2em, all: true))",
        TYPST_HEAD,
    ]
    title = f'#text(size: 38pt, weight: "bold", font: "{style["heads"]}")[{_typ("法院专刊")}]'
    if spec.masthead == "centred":
        parts.append(
            "#block(below: 8pt, width: 100%, {set par(first-line-indent: 0pt); "
            f"align(center)[{title}]; align(center, text(size: 12pt)[{_typ('内蒙古自治区高级人民法院')}]);"
            f" align(right, text(size: 11pt)[{_typ(edition)}])}})"
        )
    else:
        parts.append(
            '#block(below: 8pt, width: 100%, stroke: (bottom: 2pt + rgb("#aa0000")), '
            "inset: (bottom: 4pt), {set par(first-line-indent: 0pt); "
            f"grid(columns: (1fr, auto), align: (left + bottom, right + bottom), [{title}], "
            f"[#text(size: 11pt)[{_typ(edition + ' 星期五')}] #linebreak() "
            f"#text(size: 11pt)[{_typ('内蒙古自治区高级人民法院')}]])}})"
        )
    if spec.quote:
        lines = " #linebreak() ".join(_typ(line) for line in spec.quote.split("\n"))
        narrow = "70%" if style["quote_box"] == "narrow" else "100%"
        parts.append(
            f"#align(center, block(width: {narrow}, stroke: 0.75pt, inset: (x: 16pt, y: 5pt), "
            "below: 12pt, {set par(first-line-indent: 0pt, justify: false); "
            f"set text(size: 11pt); align(left)[{lines}]; align(right)[{_typ(spec.attribution)}]}}))"
        )
    if spec.banner:
        parts.append(f'#block(below: 12pt, text(size: 15pt, weight: "bold")[{_typ(spec.banner)}])')
    cells = []
    for index, a in enumerate(spec.articles):
        p = a.placement
        where = f"x: {p.column - 1}, y: {p.row - 1}, colspan: {p.span}, rowspan: {p.rows}"
        if p.tail:
            cells.append(
                f'grid.cell({where}, mark("a{index}", [{_typst_article(a, index, style, "main", slack)}]))'
            )
            column, span, row = p.tail
            cells.append(
                f"grid.cell(x: {column - 1}, y: {row - 1}, colspan: {span}, "
                f'mark("t{index}", [{_typst_article(a, index, style, "tail", slack)}]))'
            )
        else:
            cells.append(
                f'grid.cell({where}, mark("a{index}", [{_typst_article(a, index, style, slack=slack)}]))'
            )
    parts.append(
        f"#grid(columns: ({', '.join(['1fr'] * spec.columns)}), column-gutter: {style['gutter']}pt,"
        f" row-gutter: 16pt, align: top,\n" + ",\n".join(cells) + ")"
    )
    return "\n".join(parts) + "\n"


def typst_page(spec):
    """``typst_source`` compiled by Typst; each article's box as its ``mark`` measured it."""
    import json
    import tempfile
    from pathlib import Path

    import typst
    from pypdf import PdfReader

    # The least room over each article's columns that holds its text: half a line more than
    # its height shared out, then more (a room of a line more or so may leave a column empty).
    for slack in (0.5, 0.9, 1.5, 2.4, 3.6):
        with tempfile.TemporaryDirectory() as folder:
            main = Path(folder) / "page.typ"
            main.write_text(typst_source(spec, slack), encoding="utf-8")
            (Path(folder) / "photo.png").write_bytes(picture_png(300, 200))
            boxes = json.loads(typst.query(str(main), "<box>", field="value", root=folder))
            ends = json.loads(typst.query(str(main), "<end>", field="value", root=folder))
            found = {}
            for box in boxes:
                found[box["id"]] = (box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"])
            # The text must end inside its article's box: no column ran over it.
            if all(_typst_end_inside(end, found) for end in ends):
                data = typst.compile(str(main), root=folder)
                break
    else:
        raise ValueError("an article's text runs out of its box")
    if len(PdfReader(io.BytesIO(data)).pages) != 1:
        raise ValueError("the page does not fit on one sheet")
    _grid_boxes(spec, found)
    return data


def _typst_end_inside(end, found):
    number = end["id"][1:].removesuffix("main").removesuffix("tail")
    ident = ("t" if end["id"].endswith("tail") else "a") + number
    return end["page"] == 1 and end["y"] <= found[ident][3] + 1


register(Producer("typst", lambda spec, seed: typst_page(spec), make_grid_spec, typst_missing))
