"""Telling the lines of a page apart: decoding, edition lines, bylines, credits, datelines."""

import datetime

import pytest

from articles.importing import text as t


class TestDecode:
    def test_utf8_with_or_without_bom(self):
        assert t.decode("法院专刊\n".encode()) == "法院专刊\n"
        assert t.decode("\ufeff法院专刊".encode()) == "法院专刊"

    @pytest.mark.parametrize("data", [b"", b"  \n\n\t\n"])
    def test_empty(self, data):
        with pytest.raises(t.PageError, match="empty"):
            t.decode(data)

    def test_binary_names_the_line(self):
        with pytest.raises(t.PageError, match="binary") as caught:
            t.decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        assert caught.value.line == 3

    def test_gbk_is_not_utf8_and_says_where(self):
        data = "Page 5\n第二行是GBK编码".encode("gbk")
        with pytest.raises(t.PageError, match="Not UTF-8") as caught:
            t.decode(data)
        assert caught.value.line == 2
        assert "GBK" in caught.value.message
        assert str(caught.value).startswith("line 2: ")

    def test_broken_utf8_says_line_and_column(self):
        with pytest.raises(t.PageError, match="column 3") as caught:
            t.decode("第一行\n".encode() + b"ab\xff\xfe\xfdcd")
        assert caught.value.line == 2
        assert "GBK" not in caught.value.message

    def test_utf16(self):
        with pytest.raises(t.PageError, match="UTF-16"):
            t.decode("法院专刊".encode("utf-16"))

    def test_control_characters_in_pasted_text(self):
        with pytest.raises(t.PageError, match="control character") as caught:
            t.check_text("第一行\n第二\x1b行")
        assert caught.value.line == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("座谈会在呼和浩特召开。", True),
        ("“我们常态化开展数据会商。”", True),
        ("他问:这是为什么?", True),
        ("会议要求:", True),
        ("取得了良好效果。(张丽)", True),
        ("与会的法院领导及部", False),
        ("推出“党建+理论", False),
        ("《行政诉讼指导意见(试行)》", False),
        ("围绕优化法治化营商环境,深入开展专", False),
    ],
)
def test_ends_sentence(text, expected):
    assert t.ends_sentence(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本报记者●肖玥 通讯员●张树清", [("reporter", "肖玥"), ("correspondent", "张树清")]),
        ("本报通讯员●折鑫", [("correspondent", "折鑫")]),
        ("本报记者 王晓燕 通讯员 巴特尔 乌日娜", None),
        ("记者 金丽", [("reporter", "金丽")]),
        ("通讯员●阿拉坦·巴根", [("correspondent", "阿拉坦·巴根")]),
        ("记者手记", None),
        ("记者走进基层法院,了解审判工作。", None),
        ("通讯员", None),
    ],
)
def test_parse_roles(text, expected):
    if expected is None and "巴特尔" in text:
        # names after one role are listed with spaces: all of them are correspondents
        expected = [
            ("reporter", "王晓燕"),
            ("correspondent", "巴特尔"),
            ("correspondent", "乌日娜"),
        ]
    assert t.parse_roles(text) == expected


@pytest.mark.parametrize(
    "inner, expected",
    [
        ("赤峰市中级人民法院供稿", [("organisation", "赤峰市中级人民法院", "organisation")]),
        ("扎鲁特旗委政法委供稿", [("organisation", "扎鲁特旗委政法委", "organisation")]),
        ("张丽", [("author", "张丽", "person")]),
        (
            "郭成 李鑫 王学清",
            [
                ("author", "郭成", "person"),
                ("author", "李鑫", "person"),
                ("author", "王学清", "person"),
            ],
        ),
        ("记者 金丽", [("reporter", "金丽", "person")]),
        ("张卓 摄", [("photographer", "张卓", "person")]),
        ("试行", None),
        ("2019—2023", None),
        ("第一阶段的工作,已经完成", None),
    ],
)
def test_parse_credit(inner, expected):
    assert t.parse_credit(inner) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "**赤峰讯** 6月25日,赤峰市中院召开座谈会。",
            ("赤峰讯", "6月25日,赤峰市中院召开座谈会。", []),
        ),
        ("根河讯 近日,根河市人民法院开展活动。", ("根河讯", "近日,根河市人民法院开展活动。", [])),
        (
            "本报讯(记者 金丽)近日,法院召开会议。",
            ("本报讯(记者 金丽)", "近日,法院召开会议。", [("reporter", "金丽", "person")]),
        ),
        (
            "**本报讯(记者 金丽 通讯员 张树清)** 近日。",
            (
                "本报讯(记者 金丽 通讯员 张树清)",
                "近日。",
                [("reporter", "金丽", "person"), ("correspondent", "张树清", "person")],
            ),
        ),
        (
            "新华社呼和浩特3月5日电 近日,法院召开会议。",
            ("新华社呼和浩特3月5日电", "近日,法院召开会议。", []),
        ),
        # without marks, a place must be followed by a space, or by a date or a word for when
        # (pages set "赤峰讯6月25日," unspaced): a sentence is not cut
        ("赤峰讯6月25日,会议召开。", ("赤峰讯", "6月25日,会议召开。", [])),
        ("根河讯近日,法院召开会议。", ("根河讯", "近日,法院召开会议。", [])),
        ("赤峰讯息传遍全城,群众纷纷点赞。", None),
        ("喜讯 传来,全区法院结案率位居前列。", None),
        ("通讯员走进法院,了解工作。", None),
        ("**会议指出**,要提高政治站位。", None),
    ],
)
def test_split_dateline(raw, expected):
    assert t.split_dateline(raw) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2025年06月27日 05版", (datetime.date(2025, 6, 27), 5)),
        ("2024年3月22日 星期五 7版", (datetime.date(2024, 3, 22), 7)),
        ("法院专刊 2024年3月22日 第7版", (datetime.date(2024, 3, 22), 7)),
        ("２０２４年３月２２日　７版", (datetime.date(2024, 3, 22), 7)),
        ("二〇二四年三月二十二日 星期五", (datetime.date(2024, 3, 22), None)),
        ("05版", (None, 5)),
        ("2025年6月25日,赤峰市中院召开座谈会", None),
        ("2025年6月工作回顾", None),
        ("回顾2024年工作 展望2025年发展", None),
    ],
)
def test_parse_date_line(line, expected):
    assert t.parse_date_line(line) == expected


@pytest.mark.parametrize("line", ["2025年13月45日 05版", "2025年6月 05版", "2025年2月30日 星期五"])
def test_unreadable_date(line):
    with pytest.raises(t.PageError, match="Cannot read the date"):
        t.parse_date_line(line)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("张卓 摄", ("", ["张卓"])),
        ("本报记者 齐翰文 摄", ("", ["齐翰文"])),
        ("图/张卓", ("", ["张卓"])),
        ("图为法官在调解纠纷。 齐翰文 摄", ("图为法官在调解纠纷。", ["齐翰文"])),
        ("张三 李四 摄", ("", ["张三", "李四"])),
        ("法官现场拍摄", None),
    ],
)
def test_parse_photo_credit(line, expected):
    assert t.parse_photo_credit(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("邮箱: nmg@example.cn 电话: (0471) 1234567", True),
        ("责任编辑: 周某", True),
        ("版面联系 0479-8888888", True),
        ("举报电话是0471-1234567,欢迎群众监督。", False),
        ("锤炼政治品格 夯实思想基础", False),
    ],
)
def test_is_furniture(line, expected):
    assert t.is_furniture(line) is expected
