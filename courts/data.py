"""
The basic courts (基层人民法院) of Inner Mongolia, under the twelve city and league courts.

One court per banner, county, district and county-level city, plus the courts of special zones
where one exists. The high court and the twelve intermediate courts come from migration
0002_load_courts; these from migration 0004_load_basic_courts (and the demo generator uses them).
Production data: written by this project, read by migrations and the demo alike.
"""

from dataclasses import dataclass

# city court slug -> the basic courts under it, in official order:
# (place, pinyin for the slug, kind, common abbreviation or "")
# kind: "district" (市辖区, named with the city in front), "banner", "county", "city" (县级市),
# "zone" (a development zone with its own court).
BASIC_COURTS = {
    "hohhot": [
        ("新城区", "xincheng", "district", ""),
        ("回民区", "huimin", "district", ""),
        ("玉泉区", "yuquan", "district", ""),
        ("赛罕区", "saihan", "district", ""),
        ("土默特左旗", "tumote-zuoqi", "banner", "土左旗"),
        ("托克托县", "tuoketuo", "county", "托县"),
        ("和林格尔县", "helingeer", "county", "和林县"),
        ("清水河县", "qingshuihe", "county", ""),
        ("武川县", "wuchuan", "county", ""),
    ],
    "baotou": [
        ("昆都仑区", "kundulun", "district", "昆区"),
        ("青山区", "qingshan", "district", ""),
        ("东河区", "donghe", "district", ""),
        ("九原区", "jiuyuan", "district", ""),
        ("石拐区", "shiguai", "district", ""),
        ("白云鄂博矿区", "baiyunebo", "district", "白云矿区"),
        ("土默特右旗", "tumote-youqi", "banner", "土右旗"),
        ("固阳县", "guyang", "county", ""),
        ("达尔罕茂明安联合旗", "damao", "banner", "达茂旗"),
        ("稀土高新区", "xitu-gaoxin", "zone", ""),
    ],
    "wuhai": [
        ("海勃湾区", "haibowan", "district", ""),
        ("乌达区", "wuda", "district", ""),
        ("海南区", "hainan", "district", ""),
    ],
    "chifeng": [
        ("红山区", "hongshan", "district", ""),
        ("元宝山区", "yuanbaoshan", "district", ""),
        ("松山区", "songshan", "district", ""),
        ("阿鲁科尔沁旗", "alukeerqin", "banner", "阿旗"),
        ("巴林左旗", "balin-zuoqi", "banner", ""),
        ("巴林右旗", "balin-youqi", "banner", ""),
        ("林西县", "linxi", "county", ""),
        ("克什克腾旗", "keshiketeng", "banner", "克旗"),
        ("翁牛特旗", "wengniute", "banner", "翁旗"),
        ("喀喇沁旗", "kalaqin", "banner", "喀旗"),
        ("宁城县", "ningcheng", "county", ""),
        ("敖汉旗", "aohan", "banner", ""),
    ],
    "tongliao": [
        ("科尔沁区", "keerqin", "district", ""),
        ("霍林郭勒市", "huolinguole", "city", ""),
        ("科尔沁左翼中旗", "keerqin-zuoyi-zhongqi", "banner", "科左中旗"),
        ("科尔沁左翼后旗", "keerqin-zuoyi-houqi", "banner", "科左后旗"),
        ("开鲁县", "kailu", "county", ""),
        ("库伦旗", "kulun", "banner", ""),
        ("奈曼旗", "naiman", "banner", ""),
        ("扎鲁特旗", "zhalute", "banner", ""),
    ],
    "ordos": [
        ("东胜区", "dongsheng", "district", ""),
        ("康巴什区", "kangbashi", "district", ""),
        ("达拉特旗", "dalate", "banner", "达旗"),
        ("准格尔旗", "zhungeer", "banner", "准旗"),
        ("鄂托克前旗", "etuoke-qianqi", "banner", "鄂前旗"),
        ("鄂托克旗", "etuoke", "banner", ""),
        ("杭锦旗", "hangjin", "banner", ""),
        ("乌审旗", "wushen", "banner", ""),
        ("伊金霍洛旗", "yijinhuoluo", "banner", "伊旗"),
    ],
    "hulunbuir": [
        ("海拉尔区", "hailaer", "district", ""),
        ("满洲里市", "manzhouli", "city", ""),
        ("牙克石市", "yakeshi", "city", ""),
        ("扎兰屯市", "zhalantun", "city", ""),
        ("额尔古纳市", "eerguna", "city", ""),
        ("根河市", "genhe", "city", ""),
        ("阿荣旗", "arong", "banner", ""),
        ("莫力达瓦达斡尔族自治旗", "molidawa", "banner", "莫旗"),
        ("鄂伦春自治旗", "elunchun", "banner", "鄂伦春旗"),
        ("鄂温克族自治旗", "ewenke", "banner", "鄂温克旗"),
        ("新巴尔虎右旗", "xinbaerhu-youqi", "banner", "新右旗"),
        ("新巴尔虎左旗", "xinbaerhu-zuoqi", "banner", "新左旗"),
        ("陈巴尔虎旗", "chenbaerhu", "banner", "陈旗"),
    ],
    "bayannur": [
        ("临河区", "linhe", "district", ""),
        ("五原县", "wuyuan", "county", ""),
        ("磴口县", "dengkou", "county", ""),
        ("乌拉特前旗", "wulate-qianqi", "banner", "乌前旗"),
        ("乌拉特中旗", "wulate-zhongqi", "banner", "乌中旗"),
        ("乌拉特后旗", "wulate-houqi", "banner", "乌后旗"),
        ("杭锦后旗", "hangjinhouqi", "banner", "杭后旗"),
    ],
    "ulanqab": [
        ("集宁区", "jining", "district", ""),
        ("丰镇市", "fengzhen", "city", ""),
        ("卓资县", "zhuozi", "county", ""),
        ("化德县", "huade", "county", ""),
        ("商都县", "shangdu", "county", ""),
        ("兴和县", "xinghe", "county", ""),
        ("凉城县", "liangcheng", "county", ""),
        ("察哈尔右翼前旗", "chahaer-youyi-qianqi", "banner", "察右前旗"),
        ("察哈尔右翼中旗", "chahaer-youyi-zhongqi", "banner", "察右中旗"),
        ("察哈尔右翼后旗", "chahaer-youyi-houqi", "banner", "察右后旗"),
        ("四子王旗", "siziwang", "banner", ""),
    ],
    "hinggan": [
        ("乌兰浩特市", "wulanhaote", "city", ""),
        ("阿尔山市", "aershan", "city", ""),
        ("科尔沁右翼前旗", "keerqin-youyi-qianqi", "banner", "科右前旗"),
        ("科尔沁右翼中旗", "keerqin-youyi-zhongqi", "banner", "科右中旗"),
        ("扎赉特旗", "zhalaite", "banner", ""),
        ("突泉县", "tuquan", "county", ""),
    ],
    "xilingol": [
        ("锡林浩特市", "xilinhaote", "city", ""),
        ("二连浩特市", "erlianhaote", "city", ""),
        ("阿巴嘎旗", "abaga", "banner", ""),
        ("苏尼特左旗", "sunite-zuoqi", "banner", "苏左旗"),
        ("苏尼特右旗", "sunite-youqi", "banner", "苏右旗"),
        ("东乌珠穆沁旗", "dongwuzhumuqin", "banner", "东乌旗"),
        ("西乌珠穆沁旗", "xiwuzhumuqin", "banner", "西乌旗"),
        ("太仆寺旗", "taipusi", "banner", ""),
        ("镶黄旗", "xianghuang", "banner", ""),
        ("正镶白旗", "zhengxiangbai", "banner", ""),
        ("正蓝旗", "zhenglan", "banner", ""),
        ("多伦县", "duolun", "county", ""),
    ],
    "alxa": [
        ("阿拉善左旗", "alashan-zuoqi", "banner", "阿左旗"),
        ("阿拉善右旗", "alashan-youqi", "banner", "阿右旗"),
        ("额济纳旗", "ejina", "banner", ""),
    ],
}

# The city and league courts of the data migration: slug -> (region, place used in datelines).
CITY_PLACES = {
    "hohhot": ("呼和浩特市", "呼和浩特"),
    "baotou": ("包头市", "包头"),
    "wuhai": ("乌海市", "乌海"),
    "chifeng": ("赤峰市", "赤峰"),
    "tongliao": ("通辽市", "通辽"),
    "ordos": ("鄂尔多斯市", "鄂尔多斯"),
    "hulunbuir": ("呼伦贝尔市", "呼伦贝尔"),
    "bayannur": ("巴彦淖尔市", "巴彦淖尔"),
    "ulanqab": ("乌兰察布市", "乌兰察布"),
    "hinggan": ("兴安盟", "兴安盟"),
    "xilingol": ("锡林郭勒盟", "锡林郭勒盟"),
    "alxa": ("阿拉善盟", "阿拉善盟"),
}

HIGH_COURT_SLUG = "inner-mongolia-high"


@dataclass(frozen=True)
class BasicCourt:
    slug: str
    name: str
    short_name: str
    aliases: tuple
    parent_slug: str
    region: str
    place: str
    dateline_place: str


def _basic_court(city_slug, place, pinyin, kind, abbreviation):
    region, city_place = CITY_PLACES[city_slug]
    if kind == "zone":
        # 包头稀土高新技术产业开发区人民法院, usually written 稀土高新区法院.
        name = f"{city_place}稀土高新技术产业开发区人民法院"
        aliases = [f"{city_place}{place}人民法院", f"{place}人民法院"]
        dateline_place = city_place
    elif kind == "district":
        # District names repeat across China, so the full name carries the city.
        name = f"{region}{place}人民法院"
        aliases = [f"{place}人民法院"]
        dateline_place = city_place
    else:
        # Banners, counties and county-level cities are known by their own name; the city in
        # front is a longer form that texts also use (鄂尔多斯市鄂托克旗人民法院).
        name = f"{place}人民法院"
        aliases = [f"{region}{place}人民法院"]
        if kind in ("city", "county") and len(place) > 2:
            dateline_place = place[:-1]  # 根河市 -> 根河讯, 开鲁县 -> 开鲁讯
        else:
            dateline_place = abbreviation or place
    short_name = f"{abbreviation or place}法院"
    if abbreviation:
        aliases.append(f"{place}法院")
    aliases = tuple(alias for alias in dict.fromkeys(aliases) if alias not in (name, short_name))
    return BasicCourt(
        slug=f"{city_slug}-{pinyin}",
        name=name,
        short_name=short_name,
        aliases=aliases,
        parent_slug=city_slug,
        region=region,
        place=place,
        dateline_place=dateline_place,
    )


def basic_courts():
    """Every basic court, city by city, in official order."""
    return [
        _basic_court(city_slug, *row) for city_slug, rows in BASIC_COURTS.items() for row in rows
    ]
