"""
The people and bodies of the demo: a fixed roster of reporters, correspondents, photographers and
contributing organisations, the same for every seed so that ``--flush`` can recognise them.
"""

import random
from dataclasses import dataclass


def _words(text):
    return tuple(text.split())


SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤包乌那云宝奇"
)
# Given names of one or two characters, as Han names in the region commonly have.
GIVEN_NAMES = _words(
    "丽 静 敏 伟 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 玉兰 海燕 建华 晓东 晓燕 志强 "
    "永刚 海军 红梅 丽娜 文静 俊杰 雪梅 振华 国庆 春梅 宏伟 鑫 悦 欣 宇 浩 婷 琳 璐 晨 阳 佳 "
    "思远 子涵 雨萱 博文 嘉怡 一鸣 晓光 树清 玉梅 金龙 志刚 建军 海波 丽华 淑芬 凤英 秀兰 "
    "立新 爱华 长青 翰文 卓 鑫宇 成 学清 丽丽 玥 晓婷 慧敏 亚楠 佳琪 文博 浩然 梦瑶 瑞 蕾"
)
# Mongolian names, written in Chinese characters and used without a surname.
MONGOLIAN_NAMES = _words(
    "巴特尔 乌云 其其格 萨仁 苏日娜 额尔敦 乌日娜 斯琴 那仁格日勒 巴雅尔 阿拉坦仓 乌日汗 "
    "图雅 格日勒 额尔德木图 孟和 宝音 朝鲁 哈斯 娜仁 其木格 敖登 满都拉 吉日木图 乌兰 "
    "呼和 达来 布和 毕力格 查干 苏和 特木尔 阿木古楞 萨日娜 塔娜 高娃 包音 图门 赛音"
)

# Bodies that contribute stories but are not courts.
PARTNER_ORGANISATIONS = (
    "扎鲁特旗委政法委",
    "赤峰市人民检察院",
    "鄂尔多斯市消防救援支队",
    "呼伦贝尔市司法局",
    "包头市公安局",
    "通辽市妇女联合会",
    "锡林郭勒盟总工会",
    "乌兰察布市人力资源和社会保障局",
    "巴彦淖尔市林业和草原局",
    "兴安盟委政法委",
)

# The correspondent whom ``demo_accounts`` gives a sign-in: always in the roster, at this court.
DEMO_CORRESPONDENT = ("李文静", "chifeng")

STAFF_REPORTERS = 10
NEWS_PHOTOGRAPHERS = 4
# How many press officers (correspondents) each kind of court has in the roster.
CORRESPONDENTS_PER_LEVEL = {"high": 5, "intermediate": 3, "basic": 2}
ROSTER_SEED = "newsroom-demo-roster"


@dataclass(frozen=True)
class Person:
    name: str
    court_slug: str | None  # None: the newspaper's own staff
    role: str  # "reporter", "correspondent" or "photographer"


def person_name(rng):
    if rng.random() < 0.2:
        return rng.choice(MONGOLIAN_NAMES)
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def anonymised_party(rng):
    """How judgments name a private party: 张某, 王某某."""
    return rng.choice(SURNAMES) + ("某" if rng.random() < 0.7 else "某某")


def roster(courts):
    """
    The people of the demo, for ``courts`` given as (slug, level) in tree order.

    Built from a fixed seed: every run, whatever its ``--seed``, knows the same people, which lets
    a later ``--flush`` find them again.
    """
    rng = random.Random(ROSTER_SEED)
    taken = {DEMO_CORRESPONDENT[0]}
    people = []

    def fresh_name():
        while True:
            name = person_name(rng)
            if name not in taken:
                taken.add(name)
                return name

    people.extend(Person(fresh_name(), None, "reporter") for _ in range(STAFF_REPORTERS))
    people.extend(Person(fresh_name(), None, "photographer") for _ in range(NEWS_PHOTOGRAPHERS))
    for slug, level in courts:
        count = CORRESPONDENTS_PER_LEVEL.get(level, 1)
        for index in range(count):
            if slug == DEMO_CORRESPONDENT[1] and index == 0:
                name = DEMO_CORRESPONDENT[0]
            else:
                name = fresh_name()
            # The last press officer of a larger court also takes the pictures.
            role = "photographer" if index == count - 1 and count > 2 else "correspondent"
            people.append(Person(name, slug, role))
    return people
