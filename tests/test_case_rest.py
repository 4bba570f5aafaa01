"""Case files over plone.restapi against the functional server: filing, validation (HTTP 400
with the field and a Chinese message), numbering under concurrent filing."""

from concurrent.futures import ThreadPoolExecutor
from helpers import make_item
from helpers import TEST_ITEM_CODE

import datetime
import pytest
import requests
import transaction


RECEIVER = ("zhangwei", "shaoyang-demo")
REVIEWER = ("liuna", "shaoyang-demo")
APPROVER = ("chenjun", "shaoyang-demo")
# Validation tests post as the site owner: who may post when is test_case_workflow.py's job.
MANAGER = ("admin", "secret")
TODAY = datetime.date.today()


@pytest.fixture
def site_url(functional):
    make_item(functional["portal"])
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


def call(method, url, auth=RECEIVER, **json):
    return requests.request(
        method, url, headers={"Accept": "application/json"}, auth=auth, json=json or None, timeout=60
    )


def new_case(site_url, auth=RECEIVER, **extra):
    response = call("POST", f"{site_url}/cases", auth, **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def errors_of(response):
    """The structured errors of a 400 answer: [{"field", "message"}, ...]."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "ValidationError"
    assert body["message"] == "；".join(e["message"] for e in body["errors"])
    return body["errors"]


PERSON = {
    "@type": "Application",
    "applicant_type": "person",
    "applicant_name": "李明",
    "id_number": "11010519491231002x",
    "phone": "13812345678",
    "received_date": TODAY.isoformat(),
    "channel": "window",
    "submitted_materials": ["食品经营许可申请书"],
}


def test_case_is_filed_with_receipt_number_and_item_version(site_url):
    case = new_case(site_url)
    year = TODAY.year
    assert case["receipt_number"] == f"XZSP-{year}-00001"
    assert case["@id"].endswith(f"/cases/xzsp-{year}-00001")
    assert case["item_version"] == 1
    assert case["title"] == f"测试事项：食品经营许可（XZSP-{year}-00001）"
    assert case["classification"]["token"] == "internal"
    second = new_case(site_url)
    assert second["receipt_number"] == f"XZSP-{year}-00002"


def test_application_stores_id_number_upper_case(site_url):
    case = new_case(site_url)
    response = call("POST", case["@id"], **PERSON)
    assert response.status_code == 201, response.text
    assert response.json()["id_number"] == "11010519491231002X"
    assert response.json()["title"] == "申请（李明）"


@pytest.mark.parametrize(
    "change,field,words",
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验位错误"),
        ({"id_number": "110105194902300029"}, "id_number", "出生日期不存在"),
        ({"applicant_type": "organisation", "credit_code": "91350100M000100Y4Z"}, "credit_code", "不允许的字符"),
        ({"phone": "12345"}, "phone", "电话号码格式不正确"),
        ({"received_date": (TODAY + datetime.timedelta(days=3)).isoformat()}, "received_date", "未来"),
    ],
)
def test_bad_applicant_data_is_refused_naming_the_field(site_url, change, field, words):
    case = new_case(site_url)
    errors = errors_of(call("POST", case["@id"], **{**PERSON, **change}))
    assert any(e.get("field") == field and words in e["message"] for e in errors), errors


def test_person_without_id_number_is_refused(site_url):
    case = new_case(site_url)
    data = {k: v for k, v in PERSON.items() if k != "id_number"}
    errors = errors_of(call("POST", case["@id"], **data))
    assert any("公民身份号码" in e["message"] for e in errors), errors


def test_materials_not_in_the_items_list_are_refused(site_url):
    case = new_case(site_url)
    errors = errors_of(call("POST", case["@id"], **{**PERSON, "submitted_materials": ["身份证"]}))
    assert any("不在该事项申请材料清单中：身份证" in e["message"] for e in errors), errors


def test_unknown_item_is_refused(site_url):
    response = call("POST", f"{site_url}/cases", **{"@type": "CaseFile", "item_code": "XK99999999"})
    assert response.status_code == 400


def test_r4_4_refusal_needs_reasons_and_grant_needs_certificate(site_url):
    case = new_case(site_url)
    refusal = {"@type": "Decision", "outcome": "refusal", "decision_date": TODAY.isoformat(), "reasons": ""}
    assert any("必须说明理由" in e["message"] for e in errors_of(call("POST", case["@id"], MANAGER, **refusal)))
    grant = {"@type": "Decision", "outcome": "grant", "decision_date": TODAY.isoformat()}
    assert any("证照" in e["message"] for e in errors_of(call("POST", case["@id"], MANAGER, **grant)))


def test_decision_takes_the_deciding_agencys_document_number(site_url):
    case = new_case(site_url)
    grant = {
        "@type": "Decision",
        "outcome": "grant",
        "decision_date": TODAY.isoformat(),
        "certificate_name": "食品经营许可证",
    }
    response = call("POST", case["@id"], MANAGER, **grant)
    assert response.status_code == 201, response.text
    assert response.json()["document_number"] == f"邵市监许〔{TODAY.year}〕1号"


def test_r4_2_review_opinion_is_more_than_a_signature(site_url):
    case = new_case(site_url)
    assert call("POST", f"{case['@id']}/@workflow/accept", MANAGER).status_code == 400  # no application yet
    call("POST", case["@id"], **{**PERSON, "submitted_materials": ["食品经营许可申请书", "营业执照"]})
    for step in ("accept", "start_review"):
        assert call("POST", f"{case['@id']}/@workflow/{step}", MANAGER).status_code == 200
    bare = {"@type": "ReviewOpinion", "step": "first_review", "opinion": "agree", "text": "", "opinion_date": TODAY.isoformat()}
    assert errors_of(call("POST", case["@id"], REVIEWER, **bare))
    full = {**bare, "text": "材料齐全，符合法定条件，同意受理。"}
    response = call("POST", case["@id"], REVIEWER, **full)
    assert response.status_code == 201, response.text
    assert response.json()["signer"] == "liuna"


def test_r6_1_one_evaluation_per_case_and_channel(site_url):
    case = new_case(site_url)
    rating = {"@type": "Evaluation", "channel": "window", "level": "satisfied", "rated_at": f"{TODAY.isoformat()}T09:00:00"}
    assert call("POST", case["@id"], **rating).status_code == 201
    errors = errors_of(call("POST", case["@id"], **rating))
    assert any("只能评价一次" in e["message"] for e in errors), errors
    assert call("POST", case["@id"], **{**rating, "channel": "online"}).status_code == 201


def test_anonymous_cannot_file_or_read_cases(site_url):
    case = new_case(site_url)
    assert call("POST", f"{site_url}/cases", None, **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE}).status_code == 401
    assert call("GET", case["@id"], None).status_code == 401


def test_numbers_stay_unique_and_gapless_under_concurrent_filing(site_url):
    """Many staff file at once: ZODB conflicts are retried, never turned into duplicates."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: call("POST", f"{site_url}/cases", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE}), range(24)))
    assert [r.status_code for r in results] == [201] * 24, [r.text for r in results if r.status_code != 201]
    numbers = sorted(r.json()["receipt_number"] for r in results)
    assert numbers == [f"XZSP-{TODAY.year}-{n:05d}" for n in range(1, 25)]


def test_decision_numbers_stay_unique_and_gapless_under_concurrent_decisions(site_url):
    """Decisions land in different case files, so only the counter can keep them apart."""
    cases = [new_case(site_url)["@id"] for _ in range(16)]
    grant = {
        "@type": "Decision",
        "outcome": "grant",
        "decision_date": TODAY.isoformat(),
        "certificate_name": "食品经营许可证",
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda url: call("POST", url, MANAGER, **grant), cases))
    assert [r.status_code for r in results] == [201] * 16, [r.text for r in results if r.status_code != 201]
    numbers = sorted(int(r.json()["document_number"].split("〕")[1][:-1]) for r in results)
    assert numbers == list(range(1, 17))


def test_records_posted_over_rest_inherit_the_cases_classification(site_url):
    case = new_case(site_url, classification="personal", disclosure="withheld")
    opinion = {"@type": "ReviewOpinion", "step": "first_review", "opinion": "agree",
               "text": "材料齐全，同意受理。", "opinion_date": TODAY.isoformat()}
    record = call("POST", case["@id"], MANAGER, **opinion).json()
    assert record["classification"]["token"] == "personal"
    assert record["disclosure"]["token"] == "withheld"


def test_case_lists_its_records_and_records_can_be_updated(site_url):
    case = new_case(site_url)
    application = call("POST", case["@id"], **PERSON).json()
    listing = call("GET", case["@id"]).json()
    assert [i["@type"] for i in listing["items"]] == ["Application"]
    assert listing["items"][0]["title"] == "申请（李明）"
    response = call("PATCH", application["@id"], **{"phone": "0739-5321234"})
    assert response.status_code == 204
    assert call("GET", application["@id"]).json()["phone"] == "0739-5321234"
    response = call("PATCH", application["@id"], **{"phone": "12"})
    assert errors_of(response)[0]["field"] == "phone"


def test_r4_7_inspection_is_signed_by_at_least_two_inspectors(site_url):
    case = new_case(site_url)
    inspection = {"@type": "Inspection", "title": "2026年第四季度行政许可专项检查", "inspection_date": TODAY.isoformat(),
                  "inspectors": ["周强"], "findings": "受理材料归档不全。", "result": "rectify", "signed": False}
    errors = errors_of(call("POST", case["@id"], MANAGER, **inspection))
    assert any(e.get("field") == "inspectors" for e in errors), errors
    assert any("签字" in e["message"] for e in errors), errors
    ok = call("POST", case["@id"], MANAGER, **{**inspection, "inspectors": ["周强", "赵敏"], "signed": True})
    assert ok.status_code == 201, ok.text


def test_r4_6_accountability_links_a_coded_violation_to_a_person(site_url):
    case = new_case(site_url)
    record = {"@type": "Accountability", "title": "超期未作出决定", "violation": "V09", "person": "liuna",
              "on_behalf_of": "", "description": "承诺时限届满仍未作出决定。", "decided_date": TODAY.isoformat()}
    response = call("POST", case["@id"], MANAGER, **record)
    assert response.status_code == 201, response.text
    assert response.json()["violation"]["title"] == "未在法定期限内作出准予许可决定"
    errors = errors_of(call("POST", case["@id"], MANAGER, **{**record, "violation": "V99"}))
    assert errors[0]["field"] == "violation"
