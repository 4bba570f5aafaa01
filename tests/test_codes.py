"""Check characters of credit codes (R2.2) and ID numbers (R2.3), with the rules' own examples."""

from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.codes import id_number_error
from shaoyang.licensing.codes import normalize_id_number

import pytest


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91512081MA62K0260E", "11100000000013127D"])
def test_r2_2_valid_credit_codes(code):
    assert credit_code_error(code) is None


@pytest.mark.parametrize(
    "code,reason",
    [
        ("91350100M000100Y4Z", "不允许的字符"),
        ("91350100M000100Y44", "校验位错误"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100I000100Y43", "不允许的字符"),
        ("", "应为18位"),
    ],
)
def test_r2_2_invalid_credit_codes(code, reason):
    assert reason in credit_code_error(code)


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "11010519491231002x"])
def test_r2_3_valid_id_numbers(number):
    assert id_number_error(number) is None


@pytest.mark.parametrize(
    "number,reason",
    [
        ("110105194912310021", "校验位错误"),
        ("110105194902300029", "出生日期不存在"),
        ("11010519491231002", "17位数字"),
        ("1101051949123100XX", "17位数字"),
    ],
)
def test_r2_3_invalid_id_numbers(number, reason):
    assert reason in id_number_error(number)


def test_r2_3_lower_case_x_is_stored_upper_case():
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"
