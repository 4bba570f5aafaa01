"""Masking (脱敏) of personal data in published decisions, rule R5.4.

* ID numbers keep the first 6 and last 4 characters: ``430502********123X``;
* mobile numbers keep 3 + 4: ``138****5678``; landlines keep the area code and the last two
  digits: ``0739-*****34``;
* a home address is cut to its district or county (``邵阳市大祥区红旗路12号`` → ``邵阳市大祥区``),
  or dropped when the text names none;
* bank account numbers, health data and vehicle plate numbers are removed (``（略）``);
* a natural person's name becomes surname + 某 (``张伟`` → ``张某``, ``李小明`` → ``李某某``).

Company names and 统一社会信用代码 stay (a credit code has letters or no birth date inside).

``scan(text)`` is the other side: it reports anything that still looks like a full ID number,
a mobile or landline number, a street or village address, a bank account or a plate number.
The public index is checked with it (tests/test_disclosure.py).
"""

from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.codes import id_number_error

import re


REMOVED = "（略）"
ADDRESS_REMOVED = "（地址略）"

CJK = "\u4e00-\u9fff"
NUMERAL = "0-9０-９一二三四五六七八九十百零〇"

# 18 characters: 17 digits and a digit or X, not part of a longer code.
ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])[（(]?(0\d{2,3})[)）]?[-－—\s]?(\d{3,4})[-\s]?(\d{4})(?:(?:转|-|ext\.?)\d{1,6})?(?![0-9A-Za-z])"
)
# Numbers after a contact keyword, also local numbers without area code.
CONTACT = re.compile(r"((?:电话|手机|座机|传真|联系方式|联系电话|手机号码?)[为是:：\s]*)(\d[\d\-\s]{5,}\d)")
BANK_KEYWORD = re.compile(
    r"((?:银行账号|银行卡号|开户账号|银行账户|账号|帐号|卡号|账户)[为是:：\s]*)(\d[\d\s-]{6,}\d)"
)
BANK = re.compile(r"(?<![0-9A-Za-z])(?:\d{4}[ -]){3,4}\d{1,4}(?![0-9A-Za-z])|(?<![0-9A-Za-z*])\d{16,19}(?![0-9A-Za-z])")
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE = re.compile(
    rf"[{PROVINCES}]\s?[A-HJ-NP-Za-hj-np-z][·•\s]?[A-HJ-NP-Za-hj-np-z0-9]{{5,6}}(?![A-Za-z0-9])"
)
REGION = (
    rf"(?:[{CJK}]{{2,7}}?(?:省|自治区))?"
    rf"(?:[{CJK}]{{2,7}}?(?:市|州))?"
    rf"(?:[{CJK}]{{1,7}}?(?:区|县|市))?"
)
UNIT = rf"(?:[{NUMERAL}A-Za-z\-]+(?:号楼|栋|幢|单元|楼|层|室|号|户))*"
STREET_ADDRESS = re.compile(
    rf"(?P<region>{REGION})(?P<rest>[{CJK}0-9A-Za-z]{{0,20}}?(?:路|街|大道|巷|弄)[{NUMERAL}]+号{UNIT})"
)
VILLAGE_ADDRESS = re.compile(
    rf"(?P<region>{REGION})(?P<rest>[{CJK}]{{0,14}}?村[{NUMERAL}]+组(?:[{NUMERAL}]+号)?)"
)
# Health data (个人健康信息): a clause that names one of these is removed as a whole.
HEALTH_TERMS = (
    "乙肝", "乙型肝炎", "肝炎", "艾滋病", "HIV", "梅毒", "肺结核", "结核病", "传染病", "精神病",
    "精神分裂", "抑郁症", "癫痫", "糖尿病", "高血压", "心脏病", "癌症", "肿瘤", "白血病", "残疾",
    "伤残", "瘫痪", "怀孕", "妊娠", "病史", "病历", "诊断为", "诊断证明", "住院", "患有", "病情",
    "体检结果", "血型",
)
CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯",
    "长孙", "宇文", "轩辕", "端木", "西门", "独孤", "南宫", "万俟", "闻人", "申屠",
)


def _plausible_date(text):
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return 1850 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def looks_like_id_number(value):
    """An 18-character 公民身份号码 (R2.3): valid check character, or a plausible birth date
    (a mistyped number is still personal data). When in doubt it is an ID number: an
    all-digit 统一社会信用代码 with a birth-date-like middle is masked too (harmless), while
    a real ID number that happens to pass the credit-code check (1 in 31) must never leak."""
    value = value.upper()
    if not ID_CANDIDATE.fullmatch(value):
        return False
    return id_number_error(value) is None or _plausible_date(value[6:14])


def _digits(text):
    return re.sub(r"\D", "", text)


def looks_like_bank_account(digits):
    """A run of 16-19 digits that is neither an ID number nor a valid 统一社会信用代码: a
    company's code may be all digits (converted from an old organisation code) and stays
    public (R5.4). A bare 18-digit account number that passes GB 32100's check (1 in 31)
    would stay too; one named as such (账号、卡号 …) is removed by its keyword first."""
    return not looks_like_id_number(digits) and credit_code_error(digits) is not None


def mask_id_number(value):
    """``430502199001011234`` → ``430502********1234`` (first 6, last 4)."""
    value = (value or "").strip().upper()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value):
    digits = re.sub(r"\D", "", value or "")[-11:]
    if len(digits) != 11:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_landline(area, number):
    return f"{area}-{'*' * (len(number) - 2)}{number[-2:]}"


def mask_phone(value):
    """A contact number as published: mobile 3 + 4, landline area code + last two."""
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    if re.fullmatch(r"(?:86)?1[3-9]\d{9}", digits):
        return mask_mobile(digits)
    match = re.fullmatch(r"(0\d{2,3})(\d{7,8})", digits)
    if match and value.startswith(("0", "(", "（")):
        return mask_landline(match.group(1), match.group(2))
    if len(digits) <= 2:
        return "*" * len(digits)
    return "*" * (len(digits) - 2) + digits[-2:]


def mask_name(name):
    """A natural person's name: surname + 某 (``张伟`` → ``张某``, ``欧阳明华`` → ``欧阳某某``)."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[0])
    given = max(1, min(2, len(name) - len(surname)))
    return surname + "某" * given


def cut_address(address):
    """An address cut to its district or county (``邵阳市大祥区红旗路12号`` → ``邵阳市大祥区``);
    empty when it names none."""
    match = re.match(REGION, (address or "").strip())
    region = match.group(0) if match else ""
    return region if re.search(r"(区|县|市)$", region) else ""


def _address(match):
    region = match.group("region")
    return region if region else ADDRESS_REMOVED


def _id_number(match):
    value = match.group(1)
    return mask_id_number(value) if looks_like_id_number(value) else value


def _health(text):
    def clause(match):
        part = match.group(0)
        return REMOVED if any(term.lower() in part.lower() for term in HEALTH_TERMS) else part

    return CLAUSE.sub(clause, text)


def mask_text(text, names=()):
    """Free text as it may be published: every pattern of R5.4 masked or removed.

    ``names``: natural persons' full names that appear in the text (replaced by surname + 某).
    """
    if not text:
        return text or ""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    text = BANK_KEYWORD.sub(lambda m: m.group(1) + REMOVED, text)
    text = ID_CANDIDATE.sub(_id_number, text)
    text = BANK.sub(lambda m: REMOVED if looks_like_bank_account(_digits(m.group(0))) else m.group(0), text)
    text = MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = LANDLINE.sub(lambda m: mask_landline(m.group(1), m.group(2) + m.group(3)), text)
    text = CONTACT.sub(lambda m: m.group(1) + mask_phone(m.group(2)), text)
    text = PLATE.sub(REMOVED, text)
    text = STREET_ADDRESS.sub(_address, text)
    text = VILLAGE_ADDRESS.sub(_address, text)
    text = _health(text)
    return text


SCAN_ADDRESS = (
    re.compile(rf"(?:路|街|大道|巷|弄)[{NUMERAL}]+号"),
    re.compile(rf"村[{NUMERAL}]+组"),
)


def scan(text):
    """What in ``text`` still looks like personal data: ``[(kind, found), ...]``.

    kinds: ``id_number`` (a full 18-character ID), ``mobile``, ``landline``, ``address``
    (…路…号, …街…号, …村…组), ``bank_account`` (16-19 digits), ``plate`` (湘E12345).
    """
    text = text or ""
    found = []
    for match in ID_CANDIDATE.finditer(text):
        if looks_like_id_number(match.group(1)):
            found.append(("id_number", match.group(1)))
    found += [("mobile", m.group(0)) for m in MOBILE.finditer(text)]
    found += [("landline", m.group(0)) for m in LANDLINE.finditer(text)]
    for pattern in SCAN_ADDRESS:
        found += [("address", m.group(0)) for m in pattern.finditer(text)]
    found += [
        ("bank_account", m.group(0))
        for m in BANK.finditer(text)
        if looks_like_bank_account(_digits(m.group(0)))
    ]
    found += [("plate", m.group(0)) for m in PLATE.finditer(text)]
    return found


def scan_values(value, path=""):
    """``scan`` over every string inside a JSON-like value: ``[(path, kind, found), ...]``."""
    if isinstance(value, dict):
        return [hit for key, item in value.items() for hit in scan_values(item, f"{path}.{key}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [hit for i, item in enumerate(value) for hit in scan_values(item, f"{path}[{i}]")]
    if isinstance(value, str):
        return [(path, kind, found) for kind, found in scan(value)]
    return []
