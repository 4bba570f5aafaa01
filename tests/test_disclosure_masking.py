"""R5.4 masking and the personal-data scanner (pure functions, no site, no node)."""

from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.disclosure.masking import cut_address
from shaoyang.licensing.disclosure.masking import looks_like_id_number
from shaoyang.licensing.disclosure.masking import mask_id_number
from shaoyang.licensing.disclosure.masking import mask_name
from shaoyang.licensing.disclosure.masking import mask_phone
from shaoyang.licensing.disclosure.masking import mask_text
from shaoyang.licensing.disclosure.masking import scan

import pytest


def test_rule_examples():
    assert mask_id_number("43050219900101123X") == "430502********123X"
    assert mask_phone("13805395678") == "138****5678"
    assert mask_phone("138-0539-5678") == "138****5678"
    assert mask_phone("0739-5321234") == "0739-*****34"
    assert cut_address("邵阳市大祥区红旗路12号3栋201室") == "邵阳市大祥区"
    assert cut_address("红旗路12号") == ""


@pytest.mark.parametrize(
    "name,masked",
    [("张伟", "张某"), ("李小明", "李某某"), ("欧阳明华", "欧阳某某"), ("欧阳", "欧某"), ("", "")],
)
def test_names_keep_the_surname(name, masked):
    assert mask_name(name) == masked


def test_free_text_is_masked():
    text = (
        "申请人张小明（身份证号430502199001011234，手机13812345678，电话0739-5321234），"
        "住邵阳市大祥区红旗路12号3栋201室，经查其患有乙型肝炎，不符合从业人员健康管理要求。"
        "车辆湘E12345；开户账号6222 0212 3456 7890 123；老家隆回县桃洪镇城西村5组。"
    )
    masked = mask_text(text, names=["张小明"])
    assert "张小明" not in masked and "张某某" in masked
    assert "430502********1234" in masked
    assert "138****5678" in masked
    assert "0739-*****34" in masked
    assert "住邵阳市大祥区，" in masked and "红旗路" not in masked
    assert "乙型肝炎" not in masked and "不符合从业人员健康管理要求" in masked
    assert "湘E12345" not in masked and "6222" not in masked
    assert "隆回县" in masked and "城西村" not in masked
    assert scan(masked) == []


def test_companies_and_numbers_that_are_not_personal_stay():
    text = "邵阳市湘味食品有限公司，统一社会信用代码91350100M000100Y43，许可证编号JY14305000012345，文号邵市监许〔2026〕1号。"
    assert mask_text(text) == text
    assert scan(text) == []
    assert not looks_like_id_number("91350100M000100Y43")


def test_an_all_digit_credit_code_stays_and_a_bank_account_does_not():
    """A credit code converted from an old organisation code is all digits: still a company's
    public code (R5.4), not a bank account. Change one digit and it is an account number."""
    code = "914305007690747897"
    assert credit_code_error(code) is None and not looks_like_id_number(code)
    text = f"邵阳市宝庆机械有限公司（统一社会信用代码{code}）"
    assert mask_text(text) == text and scan(text) == []
    account = code[:-1] + "8"
    assert ("bank_account", account) in scan(account)
    assert mask_text(f"退款至{account}") == "退款至（略）"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("身份证11010519491231002X", "id_number"),
        ("440524188001010014", "id_number"),
        ("联系13912345678", "mobile"),
        ("+86 139 1234 5678", "mobile"),
        ("座机0739-5321234", "landline"),
        ("（0739）5321234", "landline"),
        ("住宝庆东路8号", "address"),
        ("城西村5组", "address"),
        ("车牌湘E12345", "plate"),
        ("新能源车湘EF12345", "plate"),
        ("卡号6222021234567890123", "bank_account"),
    ],
)
def test_scan_finds_personal_data(text, kind):
    assert kind in [k for k, _ in scan(text)]


def test_a_real_id_number_is_masked_even_when_it_passes_the_credit_code_check():
    # 430502199001011234 fails the ID check but passes GB 32100: a person's data all the same.
    assert looks_like_id_number("430502199001011234")
    assert mask_text("身份证号430502199001011234") == "身份证号430502********1234"
