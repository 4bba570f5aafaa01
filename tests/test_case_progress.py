"""Case progress for applicants without login (办件进度查询): receipt number + query code,
over REST and the page, against the functional server. What it shows, what it never shows
(staff, personal data, secret cases), and how it refuses: the same answer for a wrong code
and an unknown number, a lock after wrong tries."""

from plone import api
from shaoyang.licensing.case import progress
from shaoyang.licensing.disclosure.masking import scan_values
from test_browser import login  # noqa: F401 - the browser test below needs none, staff do
from test_browser import site_url  # noqa: F401
from test_disclosure import COMPANY
from test_disclosure import decided
from test_disclosure import PERSON

import pytest
import requests
import transaction


@pytest.fixture
def cases(functional):
    from helpers import make_item

    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    decision = decided(portal, PERSON)
    secret = decided(portal, COMPANY, classification="secret", state="under_review")
    transaction.commit()
    progress.forget_failures()
    yield {"person": decision.__parent__, "secret": secret.__parent__,
           "url": f"http://{functional['host']}:{functional['port']}/plone"}
    progress.forget_failures()


def ask(url, number, code, accept_json=True):
    """POST, as the page's form and REST clients do: the code stays out of URLs and logs."""
    data = {"receipt_number": number, "code": code}
    if accept_json:
        return requests.post(f"{url}/@case-progress", json=data, headers={"Accept": "application/json"}, timeout=60)
    return requests.post(f"{url}/@@case-progress", data=data, timeout=60)


def test_the_applicant_sees_where_the_case_stands(cases):
    case = cases["person"]
    assert len(case.query_code) == 6 and case.query_code.isdigit()
    response = ask(cases["url"], case.receipt_number.lower(), case.query_code)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["receipt_number"] == case.receipt_number
    assert result["state_title"] == "已决定"
    assert [s["title"] for s in result["steps"]] == ["收件登记", "受理", "开始审查", "提请决定", "作出决定"]
    assert result["outcome"]["title"] == "准予许可"
    assert result["decision_due"]
    # Nothing about people: no applicant's data, no staff.
    text = response.text
    assert scan_values({k: v for k, v in result.items() if k != "contact"}) == []  # contact: the agency's phone
    for personal in ("李小明", "11010519491231002X", "13812345678", "红旗路", "liuna", "wangfang", "admin"):
        assert personal not in text


def test_the_receipt_tells_the_applicant_the_code(cases):
    case = cases["person"]
    receipt = next(o for o in case.objectValues() if o.portal_type == "Notice" and o.notice_kind == "receipt")
    assert f"查询码{case.query_code}" in receipt.text and case.receipt_number in receipt.text


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(cases):
    case = cases["person"]
    wrong = "000000" if case.query_code != "000000" else "111111"
    answers = [ask(cases["url"], case.receipt_number, wrong), ask(cases["url"], "XZSP-2026-99999", case.query_code)]
    assert [a.status_code for a in answers] == [404, 404]
    assert {a.json()["error"]["message"] for a in answers} == {progress.NOT_FOUND}
    assert ask(cases["url"], "不是编号", "12").status_code == 400


def test_wrong_tries_lock_the_number(cases):
    case = cases["person"]
    wrong = "000000" if case.query_code != "000000" else "111111"
    for _ in range(progress.MAX_FAILURES):
        assert ask(cases["url"], case.receipt_number, wrong).status_code == 404
    locked = ask(cases["url"], case.receipt_number, case.query_code)  # even the right code now
    assert locked.status_code == 429 and "查询失败次数过多" in locked.json()["error"]["message"]
    assert ask(cases["url"], cases["secret"].receipt_number, "123456").status_code == 404  # others are not locked


def test_a_secret_case_is_never_shown(cases):
    case = cases["secret"]
    response = ask(cases["url"], case.receipt_number, case.query_code)
    assert response.status_code == 403 and response.json()["error"]["message"] == progress.SECRET
    assert "state" not in response.json()


def test_the_page_for_anonymous_visitors(cases):
    case = cases["person"]
    page = ask(cases["url"], case.receipt_number, case.query_code, accept_json=False)
    assert page.status_code == 200 and "办件进度查询" in page.text
    assert "已决定" in page.text and "作出决定" in page.text and "李小明" not in page.text
    refused = ask(cases["url"], case.receipt_number, "000001" if case.query_code != "000001" else "000002",
                  accept_json=False)
    assert refused.status_code == 200 and progress.NOT_FOUND in refused.text


def test_staff_who_read_the_case_see_its_code(cases):
    case = cases["person"]
    url = case.absolute_url().replace("http://nohost/plone", cases["url"])
    staff = requests.get(url, headers={"Accept": "application/json"}, auth=("zhangwei", "shaoyang-demo"), timeout=60)
    assert staff.status_code == 200 and staff.json()["query_code"] == case.query_code
    assert requests.get(url, headers={"Accept": "application/json"}, timeout=60).status_code == 401


@pytest.mark.browser
def test_an_applicant_looks_up_the_case_in_the_browser(page, site_url, cases):  # noqa: F811
    case = cases["person"]
    page.goto(site_url)
    page.locator("#portal-globalnav a", has_text="办件查询").click()
    page.wait_for_load_state("networkidle")
    page.fill("#cp-number", case.receipt_number)
    page.fill("#cp-code", case.query_code)
    page.click("#case-progress-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#case-progress-state") == "已决定"
    assert "作出决定" in page.inner_text("#case-progress-steps")
    assert case.query_code not in page.url  # posted, not in the address
