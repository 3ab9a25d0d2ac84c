"""The segmentation dictionary is loaded once, with the domain's names, and at a server's start."""

from django.db import OperationalError

from articles.segmentation import Segmenter


def test_warm_up_loads_the_names_and_does_without_a_database():
    names = Segmenter(load_names=lambda: ["乌拉特中旗人民法院"])
    names.warm_up()
    assert names._tokenizer is not None
    assert "乌拉特中旗人民法院" in names.words("乌拉特中旗人民法院开庭")

    def no_database():
        raise OperationalError("the database is down")

    down = Segmenter(load_names=no_database)
    down.warm_up()  # logs, does not fail: the first search loads it instead
    assert down._tokenizer is None
