"""
Compose one demo story (kicker, headline, subtitle, dateline, body, summary, captions) from the
banks, for a court and a date, with a random.Random the caller seeds.
"""

import datetime
import html
from dataclasses import dataclass, field

from . import cases, stories_people, stories_work, texts
from .people import anonymised_party, person_name

TOPICS = stories_work.TOPICS + stories_people.TOPICS
CASE_WEIGHT = 14
BODY_MIN = 600  # characters of text, tags not counted
BODY_MAX = 2500
SUMMARY_MAX = 120


@dataclass(frozen=True)
class CourtInfo:
    """What a story needs to know about its court."""

    pk: int
    slug: str
    name: str
    short_name: str
    level: str
    place: str  # 鄂托克旗, 赤峰市; 内蒙古 for the high court
    city: str  # a city or banner to name a school or a road after
    dateline_place: str  # 鄂托克旗 in 鄂托克旗讯; empty for 本报讯
    courts_scope: str  # 全区法院, 全市两级法院, 全院
    city_slug: str | None  # the intermediate court above (itself for one)


@dataclass
class Story:
    topic: str
    scene: str
    headline: str
    kicker: str = ""
    subtitle: str = ""
    dateline: str = ""
    body: str = ""
    summary: str = ""
    captions: list = field(default_factory=list)


def _slots(rng, court, date):
    event = date - datetime.timedelta(days=rng.randint(1, 6))
    if event.day > 26:  # keep 5月27日至29日 inside one month
        event -= datetime.timedelta(days=3)
    n3 = rng.randint(800, 9000)
    pct = rng.uniform(88, 99.5)
    parties = []
    while len(parties) < 3:
        party = anonymised_party(rng)
        if party not in parties:
            parties.append(party)
    return {
        "court": court.name,
        "cs": court.short_name or court.name,
        "place": court.place,
        "city": court.city,
        "courts_scope": court.courts_scope,
        "year": date.year,
        "prev_year": date.year - 1,
        "month": event.month,
        "day": event.day,
        "day2": event.day + 2,
        "season": texts.SEASONS[date.month],
        "party_age": date.year - 1921,
        "k1": rng.randint(2, 9),
        "k2": rng.randint(2, 12),
        "k3": rng.randint(2, 8),
        "staff": rng.randint(15, 80),
        "n2": rng.randint(20, 300),
        "n4": rng.randint(20, 300),
        "n5": rng.randint(2, 90),
        "n6": rng.randint(30, 600),
        "n7": rng.randint(40, 900),
        "n8": rng.randint(30, 700),
        "round": rng.randint(3, 30) * 10,  # for 余 and 多: 200余名, 60多公里
        "round_small": rng.randint(2, 8) * 10,
        "n3": n3,
        "n3_done": int(n3 * pct / 100),
        "pct": f"{pct:.1f}%",
        "pct_b": f"{rng.uniform(90, 99.8):.1f}%",
        "pct_mid": f"{rng.uniform(40, 80):.1f}%",
        "pct_small": f"{rng.uniform(5, 30):.1f}%",
        "money": f"{rng.uniform(100, 9000):.2f}万元",
        "money2": f"{rng.uniform(5, 300):.2f}万元",
        "yuan": str(rng.randint(20, 600) * 100),
        "days": rng.randint(10, 60),
        "p1": parties[0],
        "p2": parties[1],
        "p3": parties[2],
        "company": rng.choice(("内蒙古", "")) + rng.choice(texts.COMPANIES),
        "judge": person_name(rng),
        "president": person_name(rng),
        "gacha": rng.choice(texts.GACHAS),
        "town": rng.choice(texts.TOWNS),
    }


def _pick_topic(rng, level):
    topics = [topic for topic in TOPICS if level in topic["levels"]]
    weights = [topic["weight"] for topic in topics]
    total = sum(weights) + CASE_WEIGHT
    if rng.random() < CASE_WEIGHT / total:
        return None  # a case story
    return rng.choices(topics, weights=weights)[0]


def _section(rng, subheads, paragraphs, slots):
    """One subhead and its paragraphs (all of them, or the first ones when the story is short)."""
    count = len(paragraphs) if rng.random() < 0.7 else rng.randint(1, len(paragraphs))
    return rng.choice(subheads).format_map(slots), [
        paragraph.format_map(slots) for paragraph in paragraphs[:count]
    ]


def _case_parts(rng, slots):
    case = rng.choice(cases.CASES)
    sections = [
        (rng.choice(subheads), [case[part].format_map(slots)])
        for subheads, part in zip(cases.CASE_SUBHEADS, ("facts", "trial", "advice"), strict=True)
    ]
    return {
        "key": "case",
        "scene": "courtroom",
        "kicker": rng.choice(cases.CASE_KICKERS),
        "headline": rng.choice(case["headlines"]).format_map(slots),
        "subtitle": "",
        "lead": case["lead"].format_map(slots),
        "sections": sections,
        "captions": ["{cs}法官开庭审理案件。".format_map(slots)],
    }


def _topic_parts(rng, topic, slots):
    return {
        "key": topic["key"],
        "scene": topic["scene"],
        "kicker": rng.choice(topic["kickers"]).format_map(slots),
        "headline": rng.choice(topic["headlines"]).format_map(slots),
        "subtitle": rng.choice(topic["subtitles"]).format_map(slots),
        "lead": rng.choice(topic["leads"]).format_map(slots),
        "sections": [_section(rng, *section, slots) for section in topic["sections"]],
        "captions": [caption.format_map(slots) for caption in topic["captions"]],
    }


def _section_length(section):
    subhead, paragraphs = section
    return len(subhead) + sum(len(paragraph) for paragraph in paragraphs)


def _body(rng, parts, slots):
    """Lead, sections up to a drawn length, a closing: 600 to 2500 characters of text."""
    closing = rng.choice(texts.CLOSINGS).format_map(slots)
    target = rng.randint(BODY_MIN, BODY_MAX)
    extra = [_section(rng, *section, slots) for section in texts.GENERAL_SECTIONS]
    rng.shuffle(extra)
    chosen, length = [], len(parts["lead"]) + len(closing)
    ceiling = BODY_MAX - 40  # room for the line breaks between the HTML blocks
    for section in parts["sections"] + extra:
        size = _section_length(section)
        if length >= BODY_MIN and length + size > min(target, ceiling):
            break
        if length + size > ceiling:
            continue
        chosen.append(section)
        length += size
    html_parts = [f"<p>{html.escape(parts['lead'])}</p>"]
    for subhead, paragraphs in chosen:
        html_parts.append(f"<h3>{html.escape(subhead)}</h3>")
        html_parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    html_parts.append(f"<p>{html.escape(closing)}</p>")
    return "\n".join(html_parts)


def summarise(lead):
    """The lead's first sentence, or its start, as the card summary."""
    end = lead.find("。")
    if 0 < end < SUMMARY_MAX:
        return lead[: end + 1]
    return lead[: SUMMARY_MAX - 1] + "…"


def write_story(rng, court, date):
    """A story about ``court`` published on ``date``."""
    slots = _slots(rng, court, date)
    topic = _pick_topic(rng, court.level)
    parts = _case_parts(rng, slots) if topic is None else _topic_parts(rng, topic, slots)
    return Story(
        topic=parts["key"],
        scene=parts["scene"],
        kicker=parts["kicker"] if rng.random() < 0.25 else "",
        headline=parts["headline"],
        subtitle=parts["subtitle"] if parts["subtitle"] and rng.random() < 0.35 else "",
        dateline=f"{court.dateline_place}讯" if court.dateline_place else "本报讯",
        body=_body(rng, parts, slots),
        summary=summarise(parts["lead"]),
        captions=parts["captions"],
    )


def byline(reporters=(), correspondents=(), *, staff_correspondent=False):
    """As printed at the top: 本报记者●肖玥 通讯员●张树清, 本报通讯员●折鑫."""
    pieces = []
    if reporters:
        pieces.append("本报记者●" + " ".join(reporters))
    if correspondents:
        label = "本报通讯员" if staff_correspondent and not reporters else "通讯员"
        pieces.append(f"{label}●" + " ".join(correspondents))
    return " ".join(pieces)
