"""Demo applicants: natural persons and organisations of the Shaoyang area, with valid codes.

Every function takes a ``random.Random`` (or a seed), so the same seed always gives the same
people. ID numbers follow GB 11643-1999 (R2.3) and credit codes GB 32100-2015 (R2.2); both are
built with the weights and alphabets of ``shaoyang.licensing.codes`` and pass its checks.
The people are invented: any likeness to a real person or company is chance.
"""

from shaoyang.licensing.codes import credit_code_check_char
from shaoyang.licensing.codes import ID_NUMBER_CHECKS
from shaoyang.licensing.codes import ID_NUMBER_WEIGHTS

import datetime
import random


# Division codes of Shaoyang's districts, counties and county-level cities (GB/T 2260).
# 430521 is the former 邵东县: ID numbers issued before it became 邵东市 (430582, 2019) keep it.
DIVISIONS = {
    "430502": "双清区",
    "430503": "大祥区",
    "430511": "北塔区",
    "430521": "邵东县",
    "430522": "新邵县",
    "430523": "邵阳县",
    "430524": "隆回县",
    "430525": "洞口县",
    "430527": "绥宁县",
    "430528": "新宁县",
    "430581": "武冈市",
    "430582": "邵东市",
}
CITY_DIVISION = "430500"
# Where people live today (430521 addresses are now in 邵东市).
ADDRESS_DIVISION = {code: code for code in DIVISIONS}
ADDRESS_DIVISION["430521"] = "430582"
# How many applicants come from each division (the city districts and 邵东 are the busiest).
DIVISION_WEIGHTS = {
    "430502": 14,
    "430503": 14,
    "430511": 7,
    "430521": 9,
    "430522": 6,
    "430523": 6,
    "430524": 8,
    "430525": 6,
    "430527": 3,
    "430528": 4,
    "430581": 6,
    "430582": 3,
}
STREETS = {
    "430502": ["宝庆东路", "东大路", "建设南路", "邵水东路", "五一南路", "龙须塘路", "百春园路", "滑石路"],
    "430503": ["红旗路", "敏州西路", "城南路", "雪峰南路", "邵石路", "翠园路", "宝庆中路", "檀江路"],
    "430511": ["西湖北路", "北塔路", "邵阳大道", "状元路", "资江北路", "新滩镇向阳路"],
    "430522": ["酿溪镇资江大道", "酿溪镇大坪路", "酿溪镇白云路", "酿溪镇新阳路"],
    "430523": ["塘渡口镇人民路", "塘渡口镇建设路", "塘渡口镇五峰路", "塘渡口镇宝庆路"],
    "430524": ["桃洪镇花门街", "桃洪镇建设路", "桃洪镇沿河路", "桃洪镇魏源大道"],
    "430525": ["文昌街道雪峰大道", "文昌街道平溪路", "花古街道蔡锷大道", "雪峰街道解放路"],
    "430527": ["长铺镇解放路", "长铺镇人民路", "长铺镇长征路"],
    "430528": ["金石镇崀山大道", "金石镇解放路", "金石镇新华路"],
    "430581": ["迎春亭街道都梁路", "辕门口街道富田路", "水西门街道展辉路", "稠树塘镇新东路"],
    "430582": ["两市塘街道金龙大道", "宋家塘街道衡宝路", "大禾塘街道中兴路", "昭阳路", "人民路"],
}
COMMUNITIES = ["", "", "", "小区", "花园", "新村", "公寓", "家园"]

# Common surnames with rough weights for Hunan (刘、李、王、陈 lead; 曾、罗、唐、谭 are frequent here).
SURNAME_WEIGHTS = {
    "刘": 10, "李": 9, "王": 8, "陈": 7, "张": 6, "罗": 5, "曾": 5, "周": 5, "唐": 5, "邓": 4,
    "谢": 4, "肖": 4, "蒋": 4, "杨": 4, "彭": 4, "黄": 4, "胡": 3, "谭": 3, "伍": 3, "石": 3,
    "邹": 3, "龙": 3, "申": 2, "贺": 2, "易": 2, "尹": 2, "赵": 2, "吴": 2, "孙": 2, "朱": 2,
    "郭": 2, "何": 2, "姚": 2, "向": 2, "雷": 2, "袁": 2, "夏": 1, "许": 1, "宁": 1, "钟": 1,
    "颜": 1, "段": 1, "莫": 1, "阳": 1, "欧阳": 1, "文": 1, "戴": 1, "康": 1, "粟": 1,
}
SURNAMES = list(SURNAME_WEIGHTS)
GIVEN_MALE = "伟强军勇杰涛明超刚平辉鹏华飞斌磊波宇浩凯健俊峰建国志文武兵亮林海鑫晨阳博睿泽轩子豪振宏昊天"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英玲燕萍红梅琳雪慧婷颖洁琴云莉倩佳欣怡雨涵梓晴诗思蓉兰凤莹璐瑶丹"
GIVEN_EITHER = "春秋冬晓小志文建新永德少嘉佳"

MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
).split()

# 字号 (trade names) of invented companies: place names and lucky words, as Shaoyang firms use.
TRADE_NAMES = [
    "宝庆", "资江", "雪峰", "崀山", "蔡锷", "魏源", "双清", "神滩", "湘中", "南山", "龙山", "白水",
    "夫夷", "楚南", "梅山", "邵水", "鑫源", "恒泰", "宏达", "瑞丰", "金桥", "顺发", "兴旺", "华盛",
    "永利", "隆鑫", "佳和", "博远", "益民", "康宁", "仁和", "同心", "天成", "锦绣", "盛世", "福顺",
    "新阳", "长青", "众诚", "和美", "润泽", "力拓", "汇通", "安泰", "启航", "昭阳", "都梁", "桃洪",
]
# Industries: the endings of company names, and the registering authority of the credit code
# ("91" = 市场监管 enterprise, "92" = 个体工商户, "52" = 民政 private non-enterprise unit).
INDUSTRIES = {
    "food_production": (["食品有限公司", "米粉厂", "农副产品加工有限公司", "酱菜食品有限公司", "茶业有限公司"], "91"),
    "food_trade": (["餐饮管理有限公司", "酒店有限公司", "超市有限公司", "米粉店", "饮食文化有限公司"], "91"),
    "pharmacy": (["大药房连锁有限公司", "医药有限公司", "大药房有限公司"], "91"),
    "medical_device": (["医疗器械有限公司", "医疗科技有限公司"], "91"),
    "clinic": (["医院有限公司", "口腔门诊部有限公司", "中医诊所", "综合门诊部有限公司"], "91"),
    "public_venue": (["酒店有限公司", "宾馆有限公司", "洗浴休闲中心", "美容美发店", "游泳健身有限公司"], "91"),
    "water": (["供水有限公司", "自来水有限公司"], "91"),
    "hospital": (["医院有限公司", "口腔医院有限公司", "中医医院有限公司"], "91"),
    "maternal": (["妇产医院有限公司", "妇儿医院有限公司"], "91"),
    "passenger_transport": (["客运有限公司", "汽车运输有限公司"], "91"),
    "freight": (["物流有限公司", "货运有限公司", "运输有限公司"], "91"),
    "taxi": (["出租汽车有限公司", "出租车有限公司"], "91"),
    "ride_hailing": (["出行科技有限公司", "网约车服务有限公司"], "91"),
    "construction": (["建筑工程有限公司", "建设工程有限公司", "路桥建设有限公司"], "91"),
    "real_estate": (["房地产开发有限公司", "置业有限公司"], "91"),
    "waste": (["渣土运输有限公司", "环境工程有限公司"], "91"),
    "gas": (["燃气有限公司", "液化气有限公司"], "91"),
    "mining": (["砂石有限公司", "矿业有限公司"], "91"),
    "entertainment": (["娱乐有限公司", "KTV有限公司", "文化娱乐有限公司"], "91"),
    "performance": (["艺术团有限公司", "文化传媒有限公司", "演艺有限公司"], "91"),
    "travel": (["国际旅行社有限公司", "旅行社有限公司"], "91"),
    "internet_cafe": (["网络科技有限公司", "网咖有限公司"], "91"),
    "manufacturing": (["新材料有限公司", "化工有限公司", "机械制造有限公司", "环保科技有限公司", "纸业有限公司"], "91"),
    "labour": (["劳务派遣有限公司", "人力资源有限公司"], "91"),
    "hr": (["人力资源服务有限公司", "职业介绍有限公司"], "91"),
    "school": (["高级中学", "实验学校", "外国语学校"], "52"),
    "slaughter": (["肉类食品有限公司", "生猪屠宰有限公司"], "91"),
    "farm_supply": (["农资有限公司", "农业科技有限公司"], "91"),
    "vet": (["兽药有限公司", "动物保健品有限公司"], "91"),
    "farming": (["养殖有限公司", "生态农业有限公司", "畜牧有限公司"], "91"),
    "general": (["贸易有限公司", "实业有限公司", "科技有限公司"], "91"),
}
SMALL_BUSINESS_ENDINGS = ("店", "中心", "诊所")  # 个体工商户 names end like this


def rng_of(seed_or_rng):
    return seed_or_rng if isinstance(seed_or_rng, random.Random) else random.Random(seed_or_rng)


def _weighted(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# -- codes ---------------------------------------------------------------------------------------


def id_number(division, birth, sequence):
    """公民身份号码 of ``division`` (6 digits), ``birth`` (a date) and 3-digit ``sequence``."""
    body = f"{division}{birth:%Y%m%d}{sequence:03d}"
    total = sum(int(c) * w for c, w in zip(body, ID_NUMBER_WEIGHTS))
    return body + ID_NUMBER_CHECKS[total % 11]


def organisation_code(body8):
    """组织机构代码 (GB 11714-1997): 8 characters and their check character."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    value = lambda c: int(c) if c.isdigit() else ord(c) - ord("A") + 10  # noqa: E731
    check = 11 - sum(value(c) * w for c, w in zip(body8, weights)) % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(registrar, division, org_code):
    """统一社会信用代码: registrar (2) + division (6) + organisation code (9) + check."""
    first17 = f"{registrar}{division}{org_code}"
    return first17 + credit_code_check_char(first17)


def random_credit_code(rng, registrar="91", division=CITY_DIVISION):
    """A credit code as issued since 2015 (org code ``MA4…``) or converted from an old one."""
    if rng.random() < 0.7:
        # The issuing system's alphabet excludes I, O, S, V, Z (the credit-code alphabet).
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = "MA4" + "".join(rng.choice(alphabet) for _ in range(5))
    else:
        body = rng.choice("3567") + "".join(rng.choice("0123456789") for _ in range(7))
    org = organisation_code(body)
    return credit_code(registrar, division, org)


# -- people --------------------------------------------------------------------------------------


def name(rng, male=None):
    male = rng.random() < 0.5 if male is None else male
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    if rng.random() < 0.25:
        given = rng.choice(pool)
    else:
        first = rng.choice(pool + GIVEN_EITHER)
        second = rng.choice(pool)
        while second == first:
            second = rng.choice(pool)
        given = first + second
    return _weighted(rng, SURNAME_WEIGHTS) + given


def mobile(rng):
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng):
    """A Shaoyang landline: area code 0739 and a 7-digit number."""
    return f"0739-{rng.choice('2345678')}{rng.randrange(10**6):06d}"


def address(rng, division, building=True):
    """A postal address in ``division``; ``building`` adds a flat in a residential block."""
    division = ADDRESS_DIVISION.get(division, division)
    street = rng.choice(STREETS[division])
    place = DIVISIONS[division]
    text = f"湖南省邵阳市{place}{street}{rng.randint(1, 688)}号"
    community = rng.choice(COMMUNITIES) if building else ""
    if not building and rng.random() < 0.3:
        text += f"{rng.choice(TRADE_NAMES)}大厦{rng.randint(2, 18)}楼"
    if community:
        text += f"{rng.choice(TRADE_NAMES)}{community}{rng.randint(1, 24)}栋{rng.randint(1, 3)}单元{rng.randint(1, 32)}{rng.randint(1, 4):02d}室"
    return text


def birth_date(rng, earliest=1955, latest=2004):
    start = datetime.date(earliest, 1, 1)
    span = (datetime.date(latest, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(span + 1))


def person(rng):
    """A natural person: ``{"applicant_type": "person", "applicant_name", "id_number", ...}``."""
    rng = rng_of(rng)
    male = rng.random() < 0.55
    birth = birth_date(rng)
    division = _weighted(rng, DIVISION_WEIGHTS)
    if division == "430582" and birth.year < 2003:
        division = "430521"  # first ID card issued before 邵东 became a city
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)  # odd = male (R2.3)
    home = division if rng.random() < 0.7 else _weighted(rng, DIVISION_WEIGHTS)
    return {
        "applicant_type": "person",
        "applicant_name": name(rng, male),
        "id_number": id_number(division, birth, sequence),
        "phone": mobile(rng),
        "address": address(rng, home),
        "sex": "male" if male else "female",
        "birth_date": birth.isoformat(),
    }


def organisation(rng, industry="general"):
    """A company or other organisation with a valid 统一社会信用代码 and a legal representative."""
    rng = rng_of(rng)
    endings, registrar = INDUSTRIES.get(industry, INDUSTRIES["general"])
    ending = rng.choice(endings)
    division = _weighted(rng, DIVISION_WEIGHTS)
    home = ADDRESS_DIVISION[division]
    city_district = home in ("430502", "430503", "430511")
    if ending.endswith(SMALL_BUSINESS_ENDINGS) and not ending.endswith("有限公司"):
        # A sole proprietorship (个体工商户): registered in its district, often "刘记" style.
        place = f"邵阳市{DIVISIONS[home]}" if city_district else DIVISIONS[home]
        trade = _weighted(rng, SURNAME_WEIGHTS) + "记" if rng.random() < 0.4 else rng.choice(TRADE_NAMES)
        if registrar == "91":
            registrar = "92"
        credit_division = home
    else:
        roll = rng.random()
        if city_district or roll < 0.55:
            place = "邵阳市" if roll < 0.85 else "邵阳"
        else:
            place = DIVISIONS[home]
        trade = rng.choice(TRADE_NAMES)
        credit_division = CITY_DIVISION if place.startswith("邵阳") and rng.random() < 0.5 else home
    representative = name(rng)
    return {
        "applicant_type": "organisation",
        "applicant_name": f"{place}{trade}{ending}",
        "credit_code": random_credit_code(rng, registrar, credit_division),
        "legal_representative": representative,
        "phone": landline(rng) if rng.random() < 0.45 else mobile(rng),
        "address": address(rng, home, building=False),
        "industry": industry,
    }


def people(seed, count):
    """``count`` natural persons, a pure function of ``seed``."""
    rng = rng_of(seed)
    return [person(rng) for _ in range(count)]


def organisations(seed, count, industry="general"):
    """``count`` organisations of ``industry``, a pure function of ``seed``."""
    rng = rng_of(seed)
    return [organisation(rng, industry) for _ in range(count)]
