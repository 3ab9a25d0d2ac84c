"""The checker on its own corpus: every kind of must-fix item planted in realistic sentences is
found, clean court news (officials, masked parties, court numbers) gives no finding, and the
fixes (the 某 rule, masks) follow their rules."""

import random

import pytest
from stdnum import luhn

from privacy import checks

pytestmark = pytest.mark.django_db  # the project's dictionary reads the courts and contributors

GIVEN = [
    "小明",
    "浩然",
    "雨涵",
    "志强",
    "桂芳",
    "建国",
    "子轩",
    "欣怡",
    "德胜",
    "海龙",
    "丽娟",
    "俊杰",
]
SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马", "郭", "何"]


def names(rng, count):
    return [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(count)]


def gb11643_check_digit(first17):
    """The check digit as GB 11643 defines it (ISO 7064 MOD 11-2), written out here so that the
    tests do not share the code under test."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(digit) * weight for digit, weight in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def resident_id(rng):
    birth = f"{rng.randint(1960, 2015)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    base = f"15{rng.randint(1000, 9999)}{birth}{rng.randint(100, 999)}"
    return base + gb11643_check_digit(base)


def bank_card(rng, length=19):
    base = "62" + "".join(str(rng.randint(0, 9)) for _ in range(length - 3))
    return base + luhn.calc_check_digit(base)


def mobile(rng):
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def planted(rng):
    """(sentence, kind, the text that must be found) for each must-fix kind, fresh values."""
    person, child, guardian = names(rng, 3)
    card = bank_card(rng, rng.choice([16, 19]))
    spaced = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    phone = mobile(rng)
    area = rng.choice(["0471", "0472", "0476", "0477", "0470"])
    landline = f"{area}-{rng.randint(2000000, 8999999)}"
    plate_city = rng.choice("ABCDEFGHJKLM")
    plate = f"蒙{plate_city}·{rng.randint(10000, 99999)}"
    new_energy = f"蒙{plate_city}D{rng.randint(10000, 99999)}"
    building = f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}室"
    house = f"{rng.randint(1, 300)}号"
    id_number = resident_id(rng)
    age = rng.randint(3, 17)
    return [
        (
            f"经查，被告人{person[0]}某身份证号码为{id_number}，其对犯罪事实供认不讳。",
            checks.ID_NUMBER,
            id_number,
        ),
        (f"诈骗所得款项转入尾号不明的银行卡{card}后被取现。", checks.BANK_CARD, card),
        (f"执行干警查明，被执行人名下账户{spaced}内尚有存款。", checks.BANK_CARD, spaced),
        (f"申请人留下的联系电话为{phone}，承办法官多次拨打无人接听。", checks.MOBILE, phone),
        (f"当事人可拨打其家中座机{landline}联系。", checks.LANDLINE, landline),
        (
            f"原告通过电子邮箱{rng.choice(['lihua', 'wangmin88', 'zh.qiang'])}@163.com提交了证据。",
            checks.EMAIL,
            None,
        ),
        (f"肇事车辆{plate}在路口与行人相撞。", checks.PLATE, plate),
        (f"民警在停车场找到了车牌为{new_energy}的电动汽车。", checks.PLATE, new_energy),
        (f"被告人住呼和浩特市赛罕区昭乌达路{house}金桥小区{building}。", checks.ADDRESS, None),
        (
            f"送达人员来到{rng.choice(['幸福', '阳光', '丽景'])}小区{building}，将文书交给其家人。",
            checks.ADDRESS,
            None,
        ),
        (f"年仅{age}岁的{child}在放学路上被车辆撞伤。", checks.MINOR_NAME, child),
        (f"就读于旗第二小学的{child}因父母离异无人照顾。", checks.MINOR_NAME, child),
        (
            f"未成年人{child}的监护人{guardian}向法院申请撤销其监护资格。",
            checks.MINOR_NAME,
            guardian,
        ),
        (f"法官将孩子{child}送回了家中。", checks.MINOR_NAME, child),
        (
            f"被告人{person[0]}某某将年仅{age}岁的孙子{child}独自留在家中。",
            checks.MINOR_NAME,
            child,
        ),
        (f"女儿{child}今年{age}岁，正在读初中。", checks.MINOR_NAME, child),
    ]


@pytest.mark.parametrize("seed", range(8))
def test_every_planted_must_fix_item_is_found(seed):
    rng = random.Random(seed)
    for sentence, kind, expected in planted(rng):
        found = [f for f in checks.check_text(sentence) if f.kind == kind]
        assert found, (kind, sentence)
        assert all(f.must_fix for f in found)
        if expected:
            assert expected in [f.text for f in found], (kind, sentence, found)


@pytest.mark.parametrize("seed", range(4))
def test_names_of_victims_witnesses_and_family_parties_are_to_look_at_again(seed):
    rng = random.Random(seed)
    first, second, witness = names(rng, 3)
    if first[0] == second[0]:
        second = ("欧阳" if first[0] != "欧" else "司马") + second[1:]
    text = f"原告{first}与被告{second}因感情不和诉至法院要求离婚。庭审中，证人{witness}出庭作证。"
    found = checks.check_text(text)
    assert {f.text for f in found} >= {first, second, witness}
    assert {f.kind for f in found} == {checks.PARTY_NAME}
    assert not any(f.must_fix for f in found)


CLEAN = [
    "近日，包头市中级人民法院召开全市法院院长会议，院长梁建武出席会议并讲话。",
    "旗长孟达英、副旗长张海涛到鄂托克旗人民法院调研诉源治理工作。",
    "原告孟某某与被告方某离婚纠纷一案，经法官耐心调解，双方达成协议。",
    "被害人张某某的家属对判决表示认可，未成年被告人王某被依法从轻处罚。",
    "该院审结一起抚养费纠纷案件，判决被告李某每月支付孩子抚养费1500元。",
    "群众可拨打12368诉讼服务热线查询案件进度，或登录内蒙古法院网查询。",
    "(2024)内0102民初1234号判决书已于2025年06月27日送达，执行标的3033.28万元。",
    "今年以来，该院共受理各类案件12345件，审结11890件，结案率96.28%。",
    "赤峰市中级人民法院与赤峰中院少年审判庭法官走进第五小学，为600余名师生上法治课。",
    "法官助理刘洋、书记员郭成随同审判长王建军前往巡回审判点开庭。",
    "该院联合团委、妇联开展“法治进校园”活动，向初中学生发放宣传册2000余份。",
    "投稿邮箱：fyzk@example.cn，编辑部电话：0471-1234567。",
    "本案中，被告双方在法官主持下依次陈述、举证、质证，附近60余名群众旁听。",
    "判决后，法官会同林草部门技术人员来到修复现场。",
    "被告人因出借银行卡为电信网络诈骗转移资金被判处有期徒刑一年。",
    "2024年，全区法院审结涉未成年人案件3200件，开展法治宣传活动4场，覆盖师生1616人次。",
    "执行局长苏日娜带领干警连夜开展集中执行行动，执结案件85件。",
    "巴图（化名，13岁）在校园内被同学欺凌，法官及时发出人身安全保护令。",
]


def test_clean_court_news_has_no_finding():
    for sentence in CLEAN:
        assert checks.check_text(sentence) == (), sentence


def test_credited_contributors_are_not_findings():
    text = "记者了解到，通讯员之外，年仅9岁的王浩然也参加了活动。"
    assert [f.text for f in checks.check({"body": text})] == ["王浩然"]
    assert checks.check({"body": text}, exempt_names=["王浩然"]) == []


def test_editors_lists_extend_the_checkers():
    text = "嘎查长巴特尔带领牧民，与8岁的男孩赵子轩一起植树。"
    assert [f.text for f in checks.check_text(text)] == ["赵子轩"]
    lists = checks.DEFAULT_LISTS.extended(not_names=["赵子轩"])
    assert checks.check_text(text, lists) == ()
    switchboard = "当事人可拨打该院总机0471-6660000咨询。"
    assert checks.check_text(switchboard)[0].kind == checks.LANDLINE
    assert (
        checks.check_text(
            switchboard, checks.DEFAULT_LISTS.extended(public_numbers=["0471 6660000"])
        )
        == ()
    )


def test_resident_ids_with_the_right_check_digit_are_found_and_only_those():
    # GB 11643's own worked example, then fresh numbers with every possible check digit.
    assert checks.is_resident_id("11010519491231002X")
    assert not checks.is_resident_id("110105194912310021")
    rng = random.Random(11)
    for _ in range(200):
        number = resident_id(rng)
        assert checks.is_resident_id(number), number
        for wrong in "0123456789X":
            if wrong != number[-1]:
                assert not checks.is_resident_id(number[:-1] + wrong), number


def test_numbers_that_only_look_alike_are_not_findings():
    rng = random.Random(3)
    wrong_check_digit = resident_id(rng)
    wrong_check_digit = wrong_check_digit[:-1] + ("0" if wrong_check_digit[-1] != "0" else "1")
    card = bank_card(rng)
    not_luhn = card[:-1] + str((int(card[-1]) + 1) % 10)
    for text in (f"编号{wrong_check_digit}。", f"流水号{not_luhn}。", "案号1234567890。"):
        assert checks.check_text(text) == (), text


def test_only_text_is_checked_never_html_attributes():
    body = (
        '<p><a href="mailto:zhang@example.com" title="13912345678">联系我们</a>法院召开会议。</p>'
    )
    assert checks.check({"body": checks.html_text(body)}) == []


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王小明", "王某"),
        ("张三", "张某"),
        ("欧阳明明", "欧阳某"),
        ("其其格", "其某"),
        ("额尔敦", "额某"),
        ("阿依古丽·买买提", "阿某"),
    ],
)
def test_the_mou_rule(name, masked):
    assert checks.masked_name(name) == masked


@pytest.mark.parametrize(
    ("value", "kind", "masked"),
    [
        ("13812345678", checks.MOBILE, "138****5678"),
        ("150102198801011234", checks.ID_NUMBER, "150***********1234"),
        ("6222021234567890123", checks.BANK_CARD, "6222***********0123"),
        ("0471-6281234", checks.LANDLINE, "0471-6****34"),
        ("zhangsan@163.com", checks.EMAIL, "z***@163.com"),
        ("新华大街12号3单元402室", checks.ADDRESS, "新华大街×号×单元×室"),
    ],
)
def test_masks_keep_the_first_and_last_few_digits(value, kind, masked):
    assert checks.mask(value, kind) == masked


def test_replacing_in_rich_text_leaves_tags_and_attributes_alone():
    body = '<p title="王小明">王小明说</p><p>王小明&amp;同学</p>'
    assert (
        checks.replace_in_html(body, "王小明", "王某")
        == '<p title="王小明">王某说</p><p>王某&amp;同学</p>'
    )


def test_a_finding_keeps_its_key_while_its_passage_stays_the_same():
    text = "年仅12岁的王小明在放学途中被撞伤。"
    key = checks.check_text(text)[0].key
    assert checks.check_text("前面加了一段话。" * 3 + text)[0].key == key
    assert checks.check_text("年仅13岁的王小明在放学途中被撞伤。")[0].key != key
