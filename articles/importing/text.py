"""
Reading a page's text: decoding it, and telling what each line of it is.

Everything here works on one line (or one joined paragraph) at a time and knows nothing of the
page's structure; ``parser`` puts the lines together. The patterns follow how printed pages are
extracted: half- or full-width punctuation, Markdown marks on some pages and none on others.
"""

import re
import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from ..models import Contributor, Credit

# Credit roles and kinds of contributor, as the models name them (plain strings: the parser
# compares and stores them, and never touches the database).
Role, Kind = Credit.Role, Contributor.Kind

TITLES = ("法院专刊",)

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
# A person's name: two to ten Chinese characters, with the middle dot of transcribed names.
NAME = rf"[{CJK}](?:[{CJK}]|·(?=[{CJK}])){{1,9}}"
NAME_RE = re.compile(NAME)

# Lines longer than this are text whatever they hold: no byline, credit, caption, dateline or page
# furniture is anywhere near as long, and no pattern is run over more than this.
MAX_CLASSIFIED_LINE = 400

SENTENCE_END = "。!?！？…;；:："
CLOSERS = "”’\"'」』）)》】"
HEADING_STOPPERS = set("。,，;；:：、")
NAME_SEPARATORS = re.compile(r"[\s●•・、,，/|｜]+")
# Things in parentheses at the end of a paragraph that are not a credit.
NOT_NAMES = {"试行", "草案", "节选", "摘编", "有删节", "待续", "未完待续", "下转", "上接", "全文"}

NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))\s*"
)
# A Markdown heading; its closing hashes ("## 标题 ##") are taken off by heading_text().
MARKED_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
WHOLE_BOLD = re.compile(r"\*\*[^*]+\*\*")
LEADING_BOLD = re.compile(r"^\*\*(?P<bold>[^*]{1,40})\*\*[ \t\u3000]*")
DASH_LINE = re.compile(r"^(?:——|—|--|－－)\s*(?P<text>\S.*)$")

ROLE_WORDS = {
    "本报特约记者": Role.REPORTER,
    "本报记者": Role.REPORTER,
    "特约记者": Role.REPORTER,
    "记者": Role.REPORTER,
    "本报特约通讯员": Role.CORRESPONDENT,
    "本报通讯员": Role.CORRESPONDENT,
    "特约通讯员": Role.CORRESPONDENT,
    "通讯员": Role.CORRESPONDENT,
    "本报实习生": Role.AUTHOR,
    "实习生": Role.AUTHOR,
}
ROLE_RE = re.compile("|".join(sorted(ROLE_WORDS, key=len, reverse=True)))
ROLE_SEPARATOR = re.compile(r"^[\s●•・:：]")

# Every repetition inside these is bounded (at most eight names, a few spaces between): a
# pattern whose unbounded part (the caption) is followed only by bounded ones tries a bounded
# amount of text from each position, so it takes time in proportion to the line, not its square.
# (Unbounded repeats nested in repeats took 7.8 s on a 24,000-character line of spaced words.)
GAP = r"\s{0,4}"
PHOTO_ROLE = r"(?:(?:本报记者|记者|本报通讯员|通讯员)[\s●•・]{0,4})?"
PHOTO_NAMES = rf"(?P<names>{NAME}(?:[\s、]{{1,4}}{NAME}){{0,7}})"
PHOTO_BY = rf"(?:\s{{1,4}}|{GAP}/{GAP})摄(?:影)?"
PHOTO_LINE = re.compile(rf"^{PHOTO_ROLE}{PHOTO_NAMES}{PHOTO_BY}$")
PHOTO_TAIL = re.compile(rf"^(?P<caption>.*?\S)\s{{1,4}}{PHOTO_ROLE}{PHOTO_NAMES}{PHOTO_BY}$")
PHOTO_PREFIX = re.compile(rf"^(?:图|摄影|图片){GAP}[/:：]{GAP}{PHOTO_NAMES}$")

CREDIT_LINE = re.compile(r"^[(（]\s*(?P<inner>[^()（）]{1,80}?)\s*[)）]$")
CREDIT_TAIL = re.compile(
    r"(?<=[。!?！？…”’」』])\s{0,4}[(（]\s{0,4}(?P<inner>[^()（）]{1,80}?)\s{0,4}[)）]$"
)
# The longest text CREDIT_TAIL can match: a search looks at the end of a paragraph only.
CREDIT_TAIL_WINDOW = 100
ORGANISATION_SUFFIX = re.compile(r"(?:供稿供图|供稿|供图|提供)$")

NOT_A_DATELINE = ("通讯", "资讯", "审讯", "喜讯", "简讯", "快讯", "音讯", "传讯", "问讯", "电讯")
DATELINE = re.compile(
    rf"^(?P<dateline>(?:本报[{CJK}]{{0,8}}讯|[{CJK}]{{2,12}}?讯"
    rf"|[{CJK}]{{2,16}}?\d{{1,2}}月\d{{1,2}}日电)(?:\s*[(（](?P<inner>[^()（）]{{1,40}})[)）])?)"
)

# What a story's first sentence starts with after an unmarked dateline set without a space
# ("赤峰讯6月25日,", "根河讯近日,"): a date or a word for when.
DATELINE_FOLLOWER = re.compile(
    r"^(?:\d{1,2}月|\d{1,2}日|\d{4}年|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|近日|日前|近期|今年|去年|本月|上月|昨日|今天|今日|当天|连日|年初|年末|年底|近年来)"
)

DATE = re.compile(
    r"(?P<y>[0-9〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>[0-9一二三四五六七八九十]{1,3})\s*日"
)
DATE_HINT = re.compile(
    r"[0-9〇○零一二三四五六七八九]{2,4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月"
)
PAGE = re.compile(r"(?:第\s*)?(?P<p>[0-9]{1,3})\s*版")
WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")

FURNITURE = re.compile(
    r"^(?:邮箱|电子邮箱|e-?mail|电话|联系电话|传真|地址|邮编|投稿|投稿邮箱|责任编辑|责编|本版编辑|"
    r"编辑|美编|校对|版式|版式设计|主编|监制|热线|主办|主办单位|协办|承办)\s*[:：]",
    re.IGNORECASE,
)
# Starts only where a run of address characters starts (not again inside it), parts bounded.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
PHONE = re.compile(r"[(（]0\d{2,3}[)）]\s*\d{7,8}|\b0\d{2,3}-\d{7,8}\b")
ORGANISATION_LINE = re.compile(rf"^[{CJK}]{{2,30}}(?:人民法院|法院|主办|编辑部)$")


class PageError(Exception):
    """A page that cannot be imported; ``line`` says where, when one line is to blame."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        if self.line:
            return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


def decode(data):
    """The text of an uploaded or read file, or PageError saying why it is not a text page."""
    if not data or not data.strip():
        raise PageError(_("The file is empty."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError(_("The file is UTF-16 text; save it as UTF-8."), line=1)
    nul = data.find(b"\x00")
    if nul != -1:
        raise PageError(
            _("This is binary data, not a text page (it holds NUL bytes)."),
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = _("Not UTF-8 text: byte 0x%(byte)02X in column %(column)s cannot be read.") % {
            "byte": data[error.start],
            "column": column,
        }
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            message += " " + _("It looks like GBK/GB18030: save it as UTF-8 and try again.")
        raise PageError(message, line=line) from None
    return check_text(text)


def check_text(text):
    """Refuse empty text and text with control characters (a binary file read as text)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise PageError(_("The text is empty."))
    for number, line in enumerate(split_lines(text), start=1):
        for char in line:
            if unicodedata.category(char) == "Cc" and char not in "\t\f\v":
                raise PageError(
                    _("This is not a text page: it holds control character U+%(code)04X.")
                    % {"code": ord(char)},
                    line=number,
                )
    return text


def split_lines(text):
    """Lines as an editor's text editor numbers them (only line breaks count)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def strip_marks(text):
    """Drop **bold** marks and surrounding spaces (full-width ones too)."""
    text = BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return text.replace("**", "").strip(" \t\u3000\f\v")


def ends_sentence(text):
    """Whether a paragraph is complete; if not, a column break cut it and the next line goes on."""
    text = text.rstrip()
    if credit_tail(text):
        return True
    bare = text.rstrip(CLOSERS)
    return bool(bare) and bare[-1] in SENTENCE_END


def credit_tail(text):
    """The credit in parentheses ending a paragraph ("…。（赤峰中院供稿）"), a match or None;
    only the paragraph's end is searched, however long it is (a paragraph cut by column
    breaks is asked again each time a line is joined to it)."""
    return CREDIT_TAIL.search(text, max(0, len(text) - CREDIT_TAIL_WINDOW))


def heading_text(marked):
    """A Markdown heading's text without its optional closing hashes ("标题 ##" → "标题")."""
    bare = marked.rstrip("#")
    if bare != marked and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return marked


def is_spaced(text):
    """Two phrases side by side ("谋篇定方向 蓄力开新局"): how headlines and subheads are set."""
    parts = re.split(r"[ \u3000]+", text.strip())
    return len(parts) >= 2 and all(re.search(f"[{CJK}]", part) for part in parts)


def could_be_heading(text):
    """Short, and with no punctuation that a sentence or a cut sentence would have."""
    text = NUMBERED.sub("", text, count=1)
    return 2 <= len(text) <= 36 and not HEADING_STOPPERS.intersection(text)


def is_numbered(text):
    """A numbered subhead: "一、…", "(二)…", "3. …"."""
    return NUMBERED.match(text) is not None


def names_in(text):
    """Names listed in ``text`` (split by spaces, 、 or ●), or None if anything is not a name."""
    names = [name for name in NAME_SEPARATORS.split(text.strip()) if name]
    if not names or len(names) > 8:
        return None
    if not all(NAME_RE.fullmatch(name) and name not in NOT_NAMES for name in names):
        return None
    return names


def parse_roles(text):
    """'本报记者●肖玥 通讯员●张树清' → [(reporter, 肖玥), (correspondent, 张树清)], else None."""
    text = text.strip()
    matches = list(ROLE_RE.finditer(text))
    if not matches or matches[0].start() != 0 or len(text) > 80:
        return None
    credits = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segment = text[match.end() : end]
        if not match.group().startswith("本报") and not ROLE_SEPARATOR.match(segment):
            return None  # "记者手记" is a heading, not a byline
        names = names_in(segment)
        if names is None:
            return None
        credits += [(ROLE_WORDS[match.group()], name) for name in names]
    return credits


def parse_photo_credit(text):
    """'张卓 摄' / '图/张卓' → (caption or '', [names]); None if the line is not a photo credit."""
    if len(text) > MAX_CLASSIFIED_LINE:
        return None
    for pattern in (PHOTO_LINE, PHOTO_PREFIX):
        match = pattern.match(text)
        if match:
            return "", NAME_SEPARATORS.split(match["names"].strip())
    match = PHOTO_TAIL.match(text)
    if match and not PHOTO_LINE.match(match["caption"]):
        return match["caption"].strip(), NAME_SEPARATORS.split(match["names"].strip())
    return None


def parse_credit(inner):
    """
    What a credit in parentheses says: [(role, name, kind)], or None if it is not a credit.

    '赤峰市中级人民法院供稿' → an organisation; '郭成 李鑫' → authors; '记者 金丽' → a reporter;
    '张卓 摄' → a photographer.
    """
    inner = inner.strip()
    suffix = ORGANISATION_SUFFIX.search(inner)
    if suffix:
        bodies = [b for b in re.split(r"[、,，\s]+", inner[: suffix.start()]) if b]
        if bodies and all(2 <= len(body) <= 60 for body in bodies):
            return [(Role.ORGANISATION, body, Kind.ORGANISATION) for body in bodies]
        return None
    photo = parse_photo_credit(inner)
    if photo and not photo[0]:
        return [(Role.PHOTOGRAPHER, name, Kind.PERSON) for name in photo[1]]
    roles = parse_roles(inner)
    if roles:
        return [(role, name, Kind.PERSON) for role, name in roles]
    names = names_in(inner)
    if names and all(len(name) <= 6 for name in names):
        return [(Role.AUTHOR, name, Kind.PERSON) for name in names]
    return None


def split_dateline(raw):
    """
    A paragraph's leading dateline: (dateline, rest, [(role, name, kind)]) or None.

    A bold lead ("**赤峰讯**") is a dateline if it reads like one; without marks the place must be
    followed by a space ("根河讯 近日,") unless it is 本报讯, so that sentences are not cut.
    """
    bold = LEADING_BOLD.match(raw)
    if bold:
        candidate = bold["bold"].strip()
        match = DATELINE.match(candidate)
        if match and match.end() == len(candidate) and _is_dateline(match):
            rest = strip_marks(raw[bold.end() :])
            return candidate, rest, _dateline_credits(match)
    text = strip_marks(raw)
    match = DATELINE.match(text)
    if not match or not _is_dateline(match):
        return None
    rest = text[match.end() :]
    spaced = rest[:1] in (" ", "\u3000", "\t")
    if not (
        spaced
        or match["dateline"].startswith("本报")
        or match["inner"]
        or DATELINE_FOLLOWER.match(rest)
    ):
        return None
    if not rest.strip():
        return None
    return match["dateline"], rest.strip(), _dateline_credits(match)


def _is_dateline(match):
    head = match["dateline"].split("(")[0].split("（")[0]
    return head.startswith("本报") or not head.endswith(NOT_A_DATELINE)


def _dateline_credits(match):
    return (parse_credit(match["inner"]) or []) if match["inner"] else []


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _number(text):
    """'27', '二十七', '二〇二五' → an int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def parse_date_line(text):
    """
    An edition line ("2025年06月27日 05版", "2024年3月22日 星期五 7版") → (date, page), either
    of which may be None.

    Returns None when the line is not an edition line at all; raises PageError when it is one but
    the date cannot be read (the caller adds the line number).
    """
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) > 40 or HEADING_STOPPERS.intersection(normal.replace(":", "")):
        return None
    found, hint = DATE.search(normal), DATE_HINT.search(normal)
    page, weekday = PAGE.search(normal), WEEKDAY.search(normal)
    if not (found or page or weekday):
        return None
    rest = normal
    for pattern in (DATE, DATE_HINT, PAGE, WEEKDAY):
        rest = pattern.sub("", rest)
    for title in TITLES:
        rest = rest.replace(title, "")
    if len(re.sub(r"[\s·|｜/\-—]+", "", rest)) > 6:
        return None  # a headline that happens to hold a date or 版, not the edition line
    if hint and not found:
        raise PageError(_("Cannot read the date in “%(text)s”.") % {"text": text})
    edition_date = None
    if found:
        try:
            edition_date = date(_number(found["y"]), _number(found["m"]), _number(found["d"]))
        except (ValueError, KeyError):
            raise PageError(
                _("Cannot read the date in “%(text)s”: there is no such day.") % {"text": text}
            ) from None
    if not found and not page:
        return None
    page_number = int(page["p"]) if page else None
    if page_number is not None and not 1 <= page_number <= 999:
        raise PageError(_("Page number %(page)s is out of range.") % {"page": page_number})
    return edition_date, page_number


def is_furniture(text):
    """Contact lines and other page furniture that sit among the stories."""
    if len(text) > MAX_CLASSIFIED_LINE:
        return False
    if FURNITURE.match(text):
        return True
    return bool(EMAIL.search(text) or PHONE.search(text)) and not ends_sentence(text)
