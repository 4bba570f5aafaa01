"""Field constraints shared by the content types: each raises InvalidValue with a Chinese message.

Field constraints reach both the edit forms and plone.restapi, which then answers HTTP 400
naming the field; cross-field rules are invariants whose message starts with the field's label.
"""

from shaoyang.licensing import _
from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.codes import id_number_error
from shaoyang.licensing.i18n import zh
from zope.interface import Invalid
from zope.schema.interfaces import ValidationError

import datetime
import re


class InvalidValue(ValidationError):
    """A field's value is wrong; ``doc()`` (what forms and plone.restapi show) is the reason."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


class FieldInvalid(Invalid):
    """An invariant's failure that belongs to one field: the message names it."""

    def __init__(self, field, label, message):
        self.field = field
        super().__init__(f"{label}：{message}")


def credit_code(value):
    error = credit_code_error(value)
    if error:
        raise InvalidValue(error)
    return True


def id_number(value):
    error = id_number_error(value)
    if error:
        raise InvalidValue(error)
    return True


def today():
    """Today in Shaoyang (the site's time zone), whatever the server's zone is."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()


def not_in_future(value):
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day and day > today():
        raise InvalidValue(
            zh(_("cat_date_in_future", default="日期 ${day} 晚于今天，不能登记未来的日期"), day=day.isoformat())
        )
    return True


def digits(count):
    def check(value):
        if not re.fullmatch(rf"\d{{{count}}}", value or ""):
            raise InvalidValue(zh(_("cat_digits_count", default="应为${count}位数字"), count=count))
        return True

    return check


def phone(value):
    if value and not re.fullmatch(r"(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})", value):
        raise InvalidValue(zh(_("cat_phone_format", default="电话号码格式不正确（手机11位，或区号-座机号）")))
    return True
