"""Check characters of the identity numbers the archive stores (rules R2.2, R2.3).

Each ``*_error`` function returns ``None`` for a valid value, or a Chinese message that
says what is wrong, so forms, REST and data loaders can show the same words.
"""

from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh

import datetime
import re


CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

ID_NUMBER_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER_CHECKS = "10X98765432"


def credit_code_check_char(first17):
    """The 18th character of a 统一社会信用代码 whose first 17 characters are given."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(value):
    """None if ``value`` is a valid 统一社会信用代码 (GB 32100-2015), else the reason in Chinese."""
    value = (value or "").strip()
    if len(value) != 18:
        return zh(
            _("cat_credit_code_length", default="统一社会信用代码应为18位，当前为${length}位"),
            length=len(value),
        )
    bad = sorted({c for c in value if c not in CREDIT_CODE_ALPHABET})
    if bad:
        return zh(
            _("cat_credit_code_bad_chars", default="统一社会信用代码含有不允许的字符：${chars}（不使用I、O、S、V、Z）"),
            chars="、".join(bad),
        )
    if credit_code_check_char(value[:17]) != value[17]:
        return zh(_("cat_credit_code_check", default="统一社会信用代码校验位错误"))
    return None


def normalize_id_number(value):
    """An ID number as stored: stripped, with a lower-case check ``x`` made upper-case (R2.3)."""
    return (value or "").strip().upper()


def id_number_error(value):
    """None if ``value`` is a valid 公民身份号码 (GB 11643-1999), else the reason in Chinese."""
    value = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return zh(_("cat_id_number_format", default="公民身份号码应为17位数字加1位数字或X"))
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return zh(_("cat_id_number_birth_date", default="公民身份号码中的出生日期不存在"))
    total = sum(int(c) * w for c, w in zip(value[:17], ID_NUMBER_WEIGHTS))
    if ID_NUMBER_CHECKS[total % 11] != value[17]:
        return zh(_("cat_id_number_check", default="公民身份号码校验位错误"))
    return None
