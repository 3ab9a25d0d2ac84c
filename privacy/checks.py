"""
Personal information in a piece's text, before it goes public: the checker, with no database.

What the law keeps private (法释〔2016〕19号 arts. 8–10; 未成年人保护法 arts. 49 and 103) and what
this module finds:

*must fix* (``MUST_FIX``): an 18-digit resident ID number whose check digit is right
(python-stdnum), a bank card number of 16–19 digits that passes Luhn, a mobile or landline number,
an e-mail address, a licence plate (蒙A·12345, 蒙A12345, new-energy 蒙AD12345), an address down
to a house or room number (……路12号, ……小区3号楼2单元501室), and a full personal name near a
marker of a minor (未成年, an age under 18 such as 12岁, 小学/初中, 孩子, 男孩/女孩 …): the
minor, or the guardian named beside them.

*look again* (``LOOK_AGAIN``): a full personal name near a word that marks a victim, a witness
or a party in a family or inheritance case (被害人, 证人, 原告/被告 with 离婚/抚养/继承 …).

Not findings: names that already follow the 某 rule (孟某某, 方某); a name with its public title
before or after it (院长梁建武, 梁建武院长); names in ``exempt_names`` (the piece's credited
contributors, or words editors listed as not names); numbers and addresses in the public list
(12368, the courts' switchboards); contact details on a line that names the editorial office
(the masthead: 编辑部, 本刊, 投稿 …).

Names are found with jieba on the project's dictionary (articles.search.segmentation), and only
in the sentences that hold a marker: tagging is the slow part, and a name far from any marker is
not a finding. A name is a word jieba guessed (not in its dictionary) that starts with a known
surname, near a marker; or, right beside a marker or a word of kinship (原告张海龙, 12岁的何浩然,
其母亲李桂芳), a known surname and one or two characters of given name built from jieba's whole
words (jieba cuts names it does not know: 何 + 浩然). Names written with · (苏日娜·巴特尔) count
too.

Results are cached per text (``check_text``), so a piece checked again after one field changed
costs only that field.
"""

import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

MUST_FIX = "must_fix"
LOOK_AGAIN = "look_again"

# Kinds of finding; the labels are for people (the admin translates them).
ID_NUMBER = "id_number"
BANK_CARD = "bank_card"
MOBILE = "mobile"
LANDLINE = "landline"
EMAIL = "email"
PLATE = "plate"
ADDRESS = "address"
MINOR_NAME = "minor_name"
PARTY_NAME = "party_name"

NUMBER_KINDS = (ID_NUMBER, BANK_CARD, MOBILE, LANDLINE, EMAIL, PLATE, ADDRESS)
NAME_KINDS = (MINOR_NAME, PARTY_NAME)

# --- Word lists (the defaults; editors add to them in the admin) ------------------------------

MINOR_MARKERS = (
    "未成年",
    "未满十八",
    "未满18",
    "小学",
    "初中",
    "中学生",
    "高中生",
    "幼儿",
    "婴儿",
    "儿童",
    "少年",
    "孩子",
    "男孩",
    "女孩",
    "男童",
    "女童",
    "年级",
    "在校生",
    "留守",
    "监护人",
)
PARTY_MARKERS = (
    "被害人",
    "受害人",
    "证人",
    "原告",
    "被告",
    "离婚",
    "抚养",
    "抚育",
    "探望",
    "赡养",
    "继承",
    "遗产",
    "遗嘱",
    "家暴",
    "家庭暴力",
    "人身安全保护令",
)
# Public titles: a name next to one of these is an official, named in public.
TITLES = (
    "院长",
    "副院长",
    "庭长",
    "副庭长",
    "审判长",
    "审判员",
    "法官",
    "法官助理",
    "书记员",
    "执行员",
    "法警",
    "干警",
    "局长",
    "主任",
    "书记",
    "副书记",
    "委员",
    "专委",
    "旗长",
    "嘎查长",
    "苏木达",
    "村长",
    "乡长",
    "镇长",
    "支书",
    "县长",
    "市长",
    "盟长",
    "主席",
    "部长",
    "检察长",
    "检察官",
    "警官",
    "民警",
    "所长",
    "队长",
    "记者",
    "通讯员",
    "调解员",
    "陪审员",
    "人民陪审员",
    "律师",
    "代表",
    "委员长",
    "厅长",
    "处长",
    "科长",
    "校长",
    "老师",
    "教授",
    "同志",
    "先进",
    "主持人",
    "摄",
    "供稿",
)
# Numbers anyone may call: the courts' service line and other public hotlines. Court
# switchboards go in the admin's list.
PUBLIC_NUMBERS = ("12368", "12309", "12345", "12348", "12315", "12338", "12356", "12110")
# A contact on a line with one of these is the editorial office's own (the masthead).
OFFICE_WORDS = ("编辑部", "本刊", "本版", "本报", "法院专刊", "投稿", "来稿", "征稿")

SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
    "边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋"
    "相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢"
    "嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "呼延",
    "澹台",
    "申屠",
    "拓跋",
    "完颜",
    "纳兰",
    "爱新觉罗",
)


@dataclass(frozen=True)
class Lists:
    """The words and numbers the checker works with: defaults plus what editors added."""

    minor_markers: tuple = MINOR_MARKERS
    party_markers: tuple = PARTY_MARKERS
    titles: tuple = TITLES
    public_numbers: frozenset = frozenset(PUBLIC_NUMBERS)
    not_names: frozenset = frozenset()

    def extended(self, **extra):
        """These lists with more words, e.g. ``extended(titles=["嘎查长"])``."""
        values = {}
        for name, words in extra.items():
            current = getattr(self, name)
            words = [w.strip() for w in words if w and w.strip()]
            if name == "public_numbers":
                words = [_digits_or_text(w) for w in words]
            values[name] = type(current)(dict.fromkeys([*current, *words]))
        return Lists(**{**self.__dict__, **values})


DEFAULT_LISTS = Lists()


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    text: str  # what was found, as written
    start: int  # in the field's plain text
    end: int
    context: str  # the passage around it: a dismissal holds while this stays the same
    field: str = ""  # "headline", "body", "caption:<photo pk>" …
    marker: str = ""  # for names: the word that made it one

    @property
    def key(self):
        """Stable while the passage stays the same: what a dismissal and an override remember."""
        raw = f"{self.kind}\x1f{self.text}\x1f{self.context}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    @property
    def is_name(self):
        return self.kind in NAME_KINDS

    @property
    def must_fix(self):
        return self.severity == MUST_FIX

    def replacement(self):
        """What one click writes instead: the 某 rule for a name, a masked number otherwise."""
        return masked_name(self.text) if self.is_name else mask(self.text, self.kind)


# --- Plain text -------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"</?(?:p|br|h[1-6]|li|ul|ol|blockquote|figure|figcaption|tr|td|th|table)\b")


def html_text(value):
    """The text of rich text as readers read it: tags (and their attributes) gone, block
    elements on their own lines, entities decoded."""
    parts = []
    for piece in re.split(r"(<[^>]*>)", value or ""):
        if piece.startswith("<") and piece.endswith(">"):
            if _BLOCK.match(piece):
                parts.append("\n")
        else:
            parts.append(html.unescape(piece))
    return "".join(parts)


def replace_in_html(value, old, new):
    """``old`` → ``new`` in the text of rich text only, never inside a tag or its attributes."""
    escaped_old, escaped_new = html.escape(old, quote=False), html.escape(new, quote=False)
    out = []
    for piece in re.split(r"(<[^>]*>)", value or ""):
        if piece.startswith("<") and piece.endswith(">"):
            out.append(piece)
        else:
            out.append(piece.replace(escaped_old, escaped_new))
    return "".join(out)


# --- Numbers, addresses, e-mails, plates -----------------------------------------------------

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![\d.])(?:\d[ -]?){15,18}\d(?![\d.])")
_MOBILE = re.compile(r"(?<![\d.])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d.])")
_LANDLINE = re.compile(
    r"(?<![\d.])(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[-－— ])"
    r"\d{3,4}[- ]?\d{4}(?:[-转]\d{1,5})?(?![\d.])"
)
_PHONE_WORD = re.compile(
    r"(?:电话|手机|座机|联系方式|联系电话|手机号|手机号码|号码)[是为:：\s]*(\d{7,8})(?![\d.])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领]"
    r"[A-HJ-NP-Z][·•・.\s]?(?:[DF][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{5}[DF挂学警]?)"
    r"(?![A-Za-z0-9])"
)
_NUM = r"(?:\d+|[一二三四五六七八九十]+)"
_ADDRESS = re.compile(
    r"[\u4e00-\u9fff]{1,16}?(?:路|街|巷|胡同|大道|大街|道|村|屯|小区|社区|嘎查|花园|家园|公寓|大厦)"
    rf"(?:{_NUM}(?:号院|号楼|栋|幢|座|号|组|排|单元|层|楼|室|户)){{1,}}"
    rf"(?:{_NUM}?(?:号楼|栋|幢|单元|层|楼|室|户|号))*"
)
# An address needs a house number, or the rooms of a block of flats.
_HOUSE = re.compile(rf"{_NUM}(?:号|室|户|单元)")


def is_resident_id(number):
    """An 18-digit resident ID number: a real birth date and the right check digit. (Not
    stdnum's is_valid, which also wants the birth place in its table of counties: a number of a
    county renamed since, or missing from the table, is still a person's number.)"""
    try:
        birth = ric.get_birth_date(number)
    except (ValidationError, ValueError, KeyError):
        return False
    # stdnum's calc_check_digit takes the whole number, check digit included (it drops the last).
    return birth.year >= 1900 and ric.calc_check_digit(number) == number[-1].upper()


def _digits(text):
    return re.sub(r"\D", "", text)


def _digits_or_text(text):
    digits = _digits(text)
    return digits if len(digits) >= 3 and "@" not in text else text.strip().lower()


def _office_contact(text, start):
    """A contact given by the editorial office (the masthead, a call for contributions): one of
    OFFICE_WORDS shortly before it, on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 30) : start]
    return any(word in before for word in OFFICE_WORDS)


def _number_findings(text, lists):
    found = []
    taken = []  # spans already found: a card is not also a phone, an ID not a card

    def add(kind, start, end):
        if any(start < e and s < end for s, e in taken):
            return
        if kind in (MOBILE, LANDLINE, EMAIL):
            public = _digits_or_text(text[start:end]) in lists.public_numbers
            if public or _office_contact(text, start):
                return
        taken.append((start, end))
        found.append((kind, start, end))

    for m in _ID.finditer(text):
        if is_resident_id(m.group()):
            add(ID_NUMBER, m.start(), m.end())
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        plausible = 16 <= len(digits) <= 19 and digits[0] in "3456789" and len(set(digits)) > 2
        if plausible and luhn.is_valid(digits):
            add(BANK_CARD, m.start(), m.end())
    for m in _MOBILE.finditer(text):
        add(MOBILE, m.start(), m.end())
    for m in _LANDLINE.finditer(text):
        add(LANDLINE, m.start(), m.end())
    for m in _PHONE_WORD.finditer(text):
        add(LANDLINE, m.start(1), m.end(1))
    for m in _EMAIL.finditer(text):
        add(EMAIL, m.start(), m.end())
    for m in _PLATE.finditer(text):
        if re.search(r"\d", m.group()[2:]):
            add(PLATE, m.start(), m.end())
    for m in _ADDRESS.finditer(text):
        if _HOUSE.search(m.group()):
            start = _address_start(text, m.start(), m.end())
            add(ADDRESS, start, m.end())
    return found


def _address_start(text, start, end):
    """An address from its place name on: not the verb or the person before it (住在, 位于,
    车主住)."""
    head = text[start:end]
    cut = 0
    for word in (
        "居住在",
        "住在",
        "住址",
        "住所地",
        "位于",
        "家住",
        "住",
        "在",
        "于",
        "至",
        "到",
        "为",
    ):
        at = head.rfind(word, 0, max(0, len(head) - 4))
        if at >= 0:
            cut = max(cut, at + len(word))
    return start + cut


# --- Names ------------------------------------------------------------------------------------

_AGE = re.compile(
    r"(?<![\d.])(?:1[0-7]|[1-9])(?:周)?岁(?!以上)|(?<![十\d])(?:十[一二三四五六七]?|[一二三四五六七八九两])(?:周)?岁"
)
_SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_DOTS = "·•・"
RARE = 10  # a dictionary word tagged nr and seen at most this often is a name
KIN = frozenset(
    ["家长", "父亲", "母亲", "爸爸", "妈妈", "父母", "爷爷", "奶奶", "外公", "外婆"]
    + ["姥姥", "姥爷", "儿子", "女儿", "丈夫", "妻子", "同学", "老师", "孙子", "孙女", "外孙"]
    + ["外孙女", "哥哥", "姐姐", "弟弟", "妹妹", "继父", "继母", "养父", "养母"]
)
NEAR = 20  # characters between a name and its marker, at most
HONORIFICS = frozenset(
    ["女士", "先生", "老人", "阿姨", "大爷", "大妈", "师傅", "老汉", "小朋友", "同学"]
)
# Tokens between an anchor and the name after it (12岁的X, 原告是X), or before it (X今年8岁).
_AFTER_ANCHOR = frozenset(["的", "是", "为", "：", ":", "即", "人"])
_BEFORE_ANCHOR = frozenset(
    ["今年", "现年", "年仅", "（", "(", "，", "系", "是", "才", "仅", "只有", "年满"]
)
_NOT_SURNAME_FLAGS = frozenset(
    ["c", "p", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "y", "e", "o"]
)
_NOT_GIVEN_FLAGS = frozenset(
    [
        "x",
        "uj",
        "ul",
        "uz",
        "ud",
        "ug",
        "uv",
        "p",
        "c",
        "d",
        "m",
        "q",
        "f",
        "r",
        "y",
        "e",
        "o",
        "v",
        "vd",
        "u",
    ]
)
_NOT_GIVEN = frozenset("某的了和与及在是为被向对将把等说称某")
_JOIN_FLAGS = frozenset(
    ["n", "nr", "nrt", "nrfg", "a", "ng", "t", "nz", "ns", "an", "j", "i", "l", "s"]
)


def surname_of(name):
    """The surname of a Han name (欧阳明 → 欧阳), or '' if it starts with none known."""
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[0] if name and name[0] in SINGLE_SURNAMES else ""


def masked_name(name):
    """The 某 rule: the surname stays, the given name becomes 某 (张三 → 张某, 欧阳明 → 欧阳某).

    A name that does not start with a Han surname (the names of many Mongolian, Tibetan and
    Uyghur people: 其其格, 巴特尔) and a name written with · (阿依古丽·买买提) keep their first
    character, as the SPC's rules say for the names of ethnic minorities: 巴某, 阿某."""
    if "·" in name or "•" in name or "・" in name:
        return name[0] + "某"
    surname = surname_of(name)
    return (surname or name[0]) + "某"


def given_name(name):
    """The given name of a Han name (王小明 → 小明), '' if none can be told."""
    if any(dot in name for dot in "·•・"):
        return ""
    surname = surname_of(name)
    return name[len(surname) :] if surname else ""


def mask(value, kind=""):
    """A number with its middle hidden: 13812345678 → 138****5678; an address loses its house
    and room numbers; an e-mail keeps its first letter and its domain."""
    if kind == EMAIL or "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == ADDRESS:
        return re.sub(rf"{_NUM}", "×", value)
    if kind == LANDLINE:
        area = re.match(r"[(（]?0\d{2,3}[)）\-－— ]*", value)
        head = area.group() if area and len(_digits(value)) > 8 else ""
        return head + mask(value[len(head) :], "local")
    if kind == PLATE:
        return value[:2] + re.sub(r"[A-Z0-9]", "*", value[2:-1]) + value[-1]
    positions = [i for i, ch in enumerate(value) if ch.isdigit() or ch in "Xx"]
    keep_head = 4 if kind == BANK_CARD else 3 if len(positions) >= 9 else 1
    keep_tail = 4 if len(positions) >= 11 else 2
    hidden = set(positions[keep_head : len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def _marker_spans(sentence, words, ages=False):
    spans = []
    for word in words:
        start = sentence.find(word)
        while start >= 0:
            spans.append((start, start + len(word), word))
            start = sentence.find(word, start + 1)
    if ages:
        spans.extend((m.start(), m.end(), m.group()) for m in _AGE.finditer(sentence))
    return spans


def _spans(tokens):
    spans, offset = [], 0
    for word, flag in tokens:
        spans.append((offset, offset + len(word), word, flag))
        offset += len(word)
    return spans


def _guessed_names(spans, freq):
    """Names jieba guessed itself (its HMM, not a dictionary word), anywhere in the sentence:
    (start, end, name). Two characters guessed right before a noun are the noun's start
    (林草部门), unless the noun says who they are to someone (家长, 母亲)."""
    out = []
    for index, (start, end, word, flag) in enumerate(spans):
        if not (flag.startswith("nr") and _HAN.fullmatch(word) and 2 <= len(word) <= 4):
            continue
        if freq(word):
            continue
        following = spans[index + 1] if index + 1 < len(spans) else None
        if len(word) == 2 and following:
            noun = following[3] in ("n", "nz", "vn", "nt") and len(following[2]) >= 2
            if noun and following[2] not in KIN:
                continue
        out.append((start, end, word))
    return out


def _name_at(spans, index, freq, lists):
    """The full name that starts at token ``index``, built from whole tokens (jieba cuts names it
    does not know: 何 + 浩然, 刘海 + 龙): a known surname, then one or two characters of given
    name. None if there is none."""
    start, _end, first, flag = spans[index]
    surname = next((c for c in COMPOUND_SURNAMES if first.startswith(c)), "")
    if not surname and first[:1] in SINGLE_SURNAMES:
        surname = first[0]
    if not surname or not _HAN.fullmatch(first) or flag in _NOT_SURNAME_FLAGS:
        return None
    longest = len(surname) + 2
    if first in KIN or first in HONORIFICS or first in lists.titles:
        return None  # 孙子, 老师: who someone is, not their name
    if len(first) > len(surname) and freq(first) > RARE and not flag.startswith("nr"):
        return None  # a common word that is not a name (公司, 成长)
    if len(first) > longest:
        return None
    name, end = first, spans[index][1]
    for _s, word_end, word, word_flag in spans[index + 1 :]:
        if len(name) >= longest or not _HAN.fullmatch(word) or word_flag in _NOT_GIVEN_FLAGS:
            break
        if word in KIN or word in HONORIFICS or word in lists.titles:
            break
        if len(name) + len(word) > longest:
            # A word jieba guessed across the name's end (李俊 + 杰因): its first characters.
            if word_flag.startswith("nr") and not freq(word):
                part = word[: longest - len(name)]
                if not set(part) & _NOT_GIVEN:
                    name, end = name + part, end + len(part)
            break
        if set(word) & _NOT_GIVEN:
            break
        name, end = name + word, word_end
    if len(name) == len(surname):
        return None
    common = freq(first) > RARE or (len(first) == 2 and not flag.startswith("nr"))
    if name == first and freq(first) and common:
        return None  # a word that starts with a surname's character (公司, 成长, 钱款)
    return (start, end, name)


def _adjacent_names(spans, anchors, freq, lists):
    """Full names right after an anchor word (原告张海龙, 12岁的何浩然, 其母亲李桂芳) or right
    before one (王小明今年8岁, 王小明（12岁）), built by ``_name_at``."""
    starts = {span[0]: index for index, span in enumerate(spans)}
    out = []
    for a_start, a_end, _word in anchors:
        # After: from the end of the token the anchor ends in, over a connecting word.
        index = next((i for i, span in enumerate(spans) if span[0] < a_end <= span[1]), None)
        if index is not None:
            index += 1
            while index < len(spans) and spans[index][2] in _AFTER_ANCHOR:
                index += 1
            if index < len(spans):
                found = _name_at(spans, index, freq, lists)
                if found:
                    out.append(found)
        # Before: a name that ends where the anchor (or a connecting word before it) starts.
        index = next((i for i, span in enumerate(spans) if span[0] <= a_start < span[1]), None)
        while index is not None and index > 0 and spans[index - 1][2] in _BEFORE_ANCHOR:
            index -= 1
        if index is None:
            continue
        end = spans[index][0]
        for back in range(1, 4):
            candidate = starts.get(spans[max(0, index - back)][0])
            if candidate is None or index - back < 0:
                break
            found = _name_at(spans, candidate, freq, lists)
            if found and found[1] == end:
                out.append(found)
                break
    return out


def _is_name(name, sentence, start, end, lists):
    if "某" in name or sentence[end : end + 1] == "某":
        return False
    if "化名" in sentence[end : end + 4]:
        return False  # a name made up for the story: 巴图（化名）
    if name in lists.not_names or name in lists.titles:
        return False
    if any(marker in name for marker in (*lists.minor_markers, *lists.party_markers)):
        return False
    dotted = any(dot in name for dot in _DOTS)
    if not dotted and not (surname_of(name) and given_name(name)):
        return False
    if given_name(name) in HONORIFICS:
        return False
    around = sentence[max(0, start - 4) : end + 4]
    offset = max(0, start - 4)
    for title in lists.titles:
        at = around.find(title)
        while at >= 0:
            if offset + at < end and start < offset + at + len(title):
                return False  # a piece of a title (嘎查长 cut as 嘎 + 查长)
            at = around.find(title, at + 1)
    before, after = sentence[max(0, start - 6) : start], sentence[end : end + 6]
    return not (
        any(before.endswith(title) for title in lists.titles)
        or any(after.startswith(title) for title in lists.titles)
    )


def _dotted_names(spans):
    """Names written with · (苏日娜·巴特尔), as many names of ethnic minorities are."""
    out = []
    for index in range(len(spans) - 2):
        (start, _e, word, flag), (_s2, _e2, dot, _f2), (_s3, end, last, flag3) = spans[
            index : index + 3
        ]
        named = flag.startswith("nr") or flag3.startswith("nr")
        if named and dot in _DOTS and _HAN.fullmatch(word) and _HAN.fullmatch(last):
            out.append((start, end, word + dot + last))
    return out


def _near(markers, start, end):
    return [
        word
        for s, e, word in markers
        if (-NEAR <= s - end <= NEAR or -NEAR <= start - e <= NEAR) and not (s < end and start < e)
    ]


def _name_findings(text, lists, tag):
    found = []
    for m in _SENTENCE.finditer(text):
        for kind, start, end, marker in _sentence_names(m.group(), lists, tag):
            found.append((kind, m.start() + start, m.start() + end, marker))
    return found


@lru_cache(maxsize=20_000)
def _sentence_names(sentence, lists, tag):
    """(kind, start, end, marker) of the names in one sentence: cached, so a piece checked
    again after an edit costs only its changed sentences."""
    found = []
    freq = getattr(tag, "freq", lambda word: 0)
    minor = _marker_spans(sentence, lists.minor_markers, ages=True)
    party = _marker_spans(sentence, lists.party_markers)
    if not minor and not party:
        return ()
    spans = _spans(tag(sentence))
    kin = _marker_spans(sentence, KIN)
    anchors = [*minor, *party, *kin]
    dotted = _dotted_names(spans)
    names = [
        n
        for n in [*_guessed_names(spans, freq), *_adjacent_names(spans, anchors, freq, lists)]
        if not any(n[0] < e and s < n[1] for s, e, _ in dotted)
    ]
    seen = set()
    for start, end, name in [*dotted, *names]:
        if (start, end) in seen or any(
            s <= start and end <= e and (s, e) != (start, end) for s, e in seen
        ):
            continue
        if not _is_name(name, sentence, start, end, lists):
            continue
        seen.add((start, end))
        next_to_kin = bool(_near(kin, start, end))
        if _near(minor, start, end) or (next_to_kin and minor):
            kind, marker = MINOR_NAME, (_near(minor, start, end) or [minor[0][2]])[0]
        elif _near(party, start, end) or (next_to_kin and party):
            kind, marker = PARTY_NAME, (_near(party, start, end) or [party[0][2]])[0]
        else:
            continue
        found.append((kind, start, end, marker))
    return tuple(found)


# --- The check --------------------------------------------------------------------------------


def _context(text, start, end, width=12):
    """The words around a finding, within its sentence: what a dismissal is tied to."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    before = re.split(r"[。！？!?\n]", before)[-1]
    after = re.split(r"(?<=[。！？!?\n])", after)[0]
    return before + text[start:end] + after


@lru_cache(maxsize=4096)
def check_text(text, lists=DEFAULT_LISTS, tagger=None):
    """The findings in one plain text (cached: the same text is checked once)."""
    tag = tagger or project_tagger()
    results = [(kind, s, e, "") for kind, s, e in _number_findings(text, lists)]
    taken = [(s, e) for _k, s, e, _m in results]
    for kind, s, e, marker in _name_findings(text, lists, tag):
        if not any(s < te and ts < e for ts, te in taken):
            results.append((kind, s, e, marker))
            taken.append((s, e))
    findings = []
    for kind, start, end, marker in sorted(results, key=lambda r: (r[1], r[2])):
        severity = LOOK_AGAIN if kind == PARTY_NAME else MUST_FIX
        findings.append(
            Finding(
                kind=kind,
                severity=severity,
                text=text[start:end],
                start=start,
                end=end,
                context=_context(text, start, end),
                marker=marker,
            )
        )
    return tuple(findings)


def check(fields, lists=DEFAULT_LISTS, exempt_names=(), tagger=None):
    """Findings in a piece's fields ({"headline": text, "body": text, …}, plain text), in field
    order; names in ``exempt_names`` (its credited contributors) are not findings."""
    exempt = set(exempt_names)
    findings = []
    for name, text in fields.items():
        if not text:
            continue
        for finding in check_text(text, lists, tagger):
            if finding.is_name and finding.text in exempt:
                continue
            findings.append(_with_field(finding, name))
    return findings


def _with_field(finding, name):
    return Finding(**{**finding.__dict__, "field": name})


# --- jieba ------------------------------------------------------------------------------------

_taggers = {}


def tagger_for(tokenizer):
    """A cached tagger over a jieba tokenizer: ``tag(sentence)`` → ((word, flag), …).

    jieba's own part-of-speech tagger runs a hidden Markov model over every part-of-speech state
    for each run of unknown characters, some 6 ms a sentence; its plain cut finds the same new
    words with a model of four states. So the words come from the plain cut, a known word's tag
    from the dictionary, and a new word the cut made (jieba's guess, most often a name) is
    tagged ``nr``: ``_guessed_names`` still wants it to start with a surname."""
    key = id(tokenizer)
    if key not in _taggers:
        from jieba import posseg

        tags = posseg.POSTokenizer(tokenizer).word_tag_tab
        frequency = tokenizer.FREQ

        @lru_cache(maxsize=20_000)
        def tag(sentence):
            out = []
            for word in tokenizer.cut(sentence, HMM=True):
                flag = tags.get(word)
                if flag is None:
                    new = len(word) >= 2 and not frequency.get(word) and _HAN.fullmatch(word)
                    flag = "nr" if new else "x"
                out.append((word, flag))
            return tuple(out)

        tag.freq = lambda word: frequency.get(word) or 0
        _taggers[key] = tag
    return _taggers[key]


def clear_caches():
    """Forget every checked text and tagged sentence (for the benchmark's cold runs)."""
    check_text.cache_clear()
    _sentence_names.cache_clear()
    for tag in _taggers.values():
        tag.cache_clear()


def project_tagger():
    """The tagger on the project's dictionary (courts, contributors, terms:
    articles.search.segmentation)."""
    from articles.search.segmentation import segmenter

    return tagger_for(segmenter.tokenizer)


def highlight(text, findings):
    """A text cut into runs: [(text, finding or None)], for showing findings in place."""
    parts, at = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < at:
            continue
        parts.append((text[at : finding.start], None))
        parts.append((text[finding.start : finding.end], finding))
        at = finding.end
    parts.append((text[at:], None))
    return parts
