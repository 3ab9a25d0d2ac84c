"""
Time the personal-information check of a 5,000-character piece: a benchmark to run by hand, not a
test. It reports the first check of a piece never seen (cold: every sentence with a marker
tagged), the check of the same piece again (the per-text cache), and of the piece with one
paragraph changed (only that paragraph's text is new), each as the median of several rounds.
The target: under 100 ms cold on a 2-core machine.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand

from ... import checks, service

PARAGRAPHS = [
    "{court}坚持司法为民，聚焦群众急难愁盼，今年以来共受理各类案件{n}件，审结{m}件，结案率同比上升{p}个百分点。",
    "院长{official}在会上指出，要深入践行新时代枫桥经验，把诉源治理工作做深做实，推动矛盾纠纷实质性化解。",
    "该院少年审判庭法官走进第{n}小学，为师生讲授未成年人保护法，发放宣传手册{m}余份。",
    "原告孟某某与被告方某因离婚纠纷诉至法院，承办法官多次组织调解，双方最终就子女抚养问题达成一致。",
    "年仅{age}岁的{child}在放学途中被撞伤，其母亲{parent}向法院提起诉讼，请求赔偿医疗费等各项损失。",
    "执行干警查明，被执行人名下有存款和车辆，遂依法冻结其银行账户，查封车牌号为蒙A·{plate}的小型轿车。",
    "当事人可拨打12368诉讼服务热线咨询，或通过移动微法院在线立案、查询案件进度。",
    "庭审中，证人{witness}出庭作证，双方当事人围绕争议焦点充分发表意见，法庭当庭宣判。",
]
NAMES = ["王小明", "李浩然", "张雨涵", "刘志强", "陈桂芳", "赵德胜", "孙海龙", "周丽娟"]


def piece(seed, length=5000):
    rng = random.Random(seed)
    parts, size = [], 0
    while size < length:
        text = rng.choice(PARAGRAPHS).format(
            court="鄂托克旗人民法院",
            n=rng.randint(10, 2000),
            m=rng.randint(10, 2000),
            p=rng.randint(1, 9),
            official="梁建武",
            age=rng.randint(5, 16),
            child=rng.choice(NAMES),
            parent=rng.choice(NAMES),
            plate=rng.randint(10000, 99999),
            witness=rng.choice(NAMES),
        )
        parts.append(text)
        size += len(text)
    return "\n".join(parts)[:length]


class Command(BaseCommand):
    help = "Time the personal-information check of a 5,000-character piece."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=7)
        parser.add_argument("--length", type=int, default=5000)

    def handle(self, *args, **options):
        lists = service.current_lists()
        checks.project_tagger()("预热")  # the dictionary loads once per process, not per check
        cold, warm, edited = [], [], []
        for round_ in range(options["rounds"]):
            text = piece(round_, options["length"])
            checks.clear_caches()  # cold: no sentence of it tagged before
            cold.append(_timed(lambda t=text: checks.check({"body": t}, lists)))
            warm.append(_timed(lambda t=text: checks.check({"body": t}, lists)))
            changed = text.replace("。", "，据悉。", 1)
            edited.append(_timed(lambda t=changed: checks.check({"body": t}, lists)))
        findings = len(checks.check({"body": piece(0, options["length"])}, lists))
        self.stdout.write(
            f"{options['length']} characters, {findings} findings in round 1; median of "
            f"{options['rounds']} rounds: first check {statistics.median(cold):.1f} ms, "
            f"same text again {statistics.median(warm):.2f} ms, "
            f"one sentence changed {statistics.median(edited):.1f} ms"
        )


def _timed(function):
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000
