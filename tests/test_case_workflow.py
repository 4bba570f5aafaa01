"""The responsibility chain over REST with the right people (issue 4): every step by its role,
refusals with reasons, parameters of steps, substitutes, the journal and its hash chain."""

from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import datetime
import pytest
import requests
import transaction


PASSWORD = "shaoyang-demo"
TODAY = datetime.date.today().isoformat()


def as_(userid):
    return (userid, "secret" if userid == SITE_OWNER_NAME else PASSWORD)


def call(_method, _url, _userid, **json):
    return requests.request(
        _method, _url, headers={"Accept": "application/json"}, auth=as_(_userid), json=json or None, timeout=60
    )


def step(case_url, transition, userid, **params):
    return call("POST", f"{case_url}/@workflow/{transition}", userid, **params)


def state(case_url):
    return call("GET", case_url, SITE_OWNER_NAME).json()["review_state"]


@pytest.fixture
def site_url(functional):
    make_item(functional["portal"])
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


@pytest.fixture
def case_url(site_url):
    response = call("POST", f"{site_url}/cases", "zhangwei", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE})
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def application(case_url, materials):
    response = call(
        "POST", case_url, "zhangwei",
        **{"@type": "Application", "applicant_type": "organisation", "applicant_name": "邵阳市湘味食品有限公司",
           "credit_code": "91350100M000100Y43", "phone": "0739-5321234", "received_date": TODAY,
           "submitted_materials": materials},
    )
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def opinion(case_url, userid, step_id, text="材料齐全，符合法定条件，同意。"):
    response = call("POST", case_url, userid, **{"@type": "ReviewOpinion", "step": step_id, "opinion": "agree",
                                                  "text": text, "opinion_date": TODAY})
    assert response.status_code == 201, response.text


def test_whole_chain_with_the_right_people(case_url):
    assert state(case_url) == "received"
    app_url = application(case_url, ["食品经营许可申请书"])

    # R3.1: incomplete materials are not accepted; the one-time notice lists all that is missing.
    refused = step(case_url, "accept", "zhangwei")
    assert refused.status_code == 400
    assert "应一次性告知补正：营业执照" in refused.json()["error"]["message"]
    assert step(case_url, "request_correction", "zhangwei").status_code == 200
    assert step(case_url, "resubmit", "zhangwei").status_code == 200
    assert call("PATCH", app_url, "zhangwei", submitted_materials=["食品经营许可申请书", "营业执照"]).status_code == 204
    assert step(case_url, "accept", "zhangwei").status_code == 200

    # A reviewer of the deciding department takes it up; a receiver may not.
    assert step(case_url, "start_review", "zhangwei").status_code == 403
    assert step(case_url, "start_review", "liuna").status_code == 200
    opinion(case_url, "liuna", "first_review")

    # R4.1: one signer is not enough.
    refused = step(case_url, "submit_for_decision", "wangfang")
    assert refused.status_code == 400 and "两名以上工作人员" in refused.json()["error"]["message"]
    opinion(case_url, "wangfang", "check", "经复核，同意承办人意见。")

    # R3.5: only the law's reasons pause the clock, with a written notice of the time needed.
    refused = step(case_url, "suspend", "chenjun", reason="leader_away", expected_days=5, notice="领导出差")
    assert refused.status_code == 400 and "不在法定范围内" in refused.json()["error"]["message"]
    refused = step(case_url, "suspend", "chenjun", reason="expert_review")
    assert refused.status_code == 400 and "预计所需工作日" in refused.json()["error"]["message"]
    assert step(case_url, "suspend", "chenjun", reason="expert_review", expected_days=10,
                notice="需组织专家评审，预计10个工作日。").status_code == 200
    assert state(case_url) == "suspended"
    assert step(case_url, "resume", "chenjun").status_code == 200
    submitted = step(case_url, "submit_for_decision", "wangfang")
    assert submitted.status_code == 200, submitted.text

    refused = step(case_url, "decide", "chenjun")
    assert refused.status_code == 400 and "尚未起草许可决定" in refused.json()["error"]["message"]
    decision = call("POST", case_url, "chenjun", **{"@type": "Decision", "outcome": "grant", "decision_date": TODAY,
                                                   "certificate_name": "食品经营许可证"})
    assert decision.status_code == 201, decision.text
    assert step(case_url, "decide", "liuna").status_code == 403
    assert step(case_url, "decide", "chenjun").status_code == 200

    assert step(case_url, "deliver", "zhangwei").status_code == 400
    delivery = call("POST", case_url, "zhangwei", **{"@type": "Delivery", "method": "window",
                                                    "delivery_date": TODAY, "recipient": "王经理"})
    assert delivery.status_code == 201, delivery.text
    assert step(case_url, "deliver", "zhangwei").status_code == 200
    assert step(case_url, "close", "sunli").status_code == 200
    assert step(case_url, "archive", "sunli").status_code == 200
    assert state(case_url) == "archived"

    # Archived: nobody edits, not even the handler.
    assert call("PATCH", app_url, "zhangwei", phone="0739-5000000").status_code in (401, 403)

    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()
    transitions = [e["details"].get("transition") for e in entries["items"] if e["action"] == "transition"]
    assert transitions == ["request_correction", "resubmit", "accept", "start_review", "suspend", "resume",
                           "submit_for_decision", "decide", "deliver", "close", "archive"]
    suspend = next(e for e in entries["items"] if e["details"].get("transition") == "suspend")
    assert (suspend["actor"], suspend["details"]["reason"], suspend["details"]["expected_days"]) == ("chenjun", "expert_review", 10)
    assert entries["verification"]["ok"] is True


def test_rejection_needs_reason_and_competent_body(case_url):
    refused = step(case_url, "reject_application", "zhangwei", reason="不属于本机关职权范围")
    assert refused.status_code == 400 and "有权受理的机关" in refused.json()["error"]["message"]
    assert step(case_url, "reject_application", "zhangwei", reason="不属于本机关职权范围",
                competent_body="邵阳市生态环境局").status_code == 200
    assert state(case_url) == "rejected"


def test_other_department_and_anonymous_see_nothing(functional, site_url, case_url):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username="jtys_receiver", password=PASSWORD)
        api.group.add_user(groupname="Receivers", username="jtys_receiver")
        api.group.add_user(groupname="department-jtys", username="jtys_receiver")
    transaction.commit()
    assert call("GET", case_url, "jtys_receiver").status_code in (401, 403)
    assert step(case_url, "withdraw", "jtys_receiver", reason="x" * 4).status_code in (401, 403)
    assert requests.get(case_url, headers={"Accept": "application/json"}, timeout=30).status_code == 401
    listing = call("GET", f"{site_url}/@search?portal_type=CaseFile", "jtys_receiver").json()
    assert listing["items_total"] == 0
    assert call("GET", f"{site_url}/@search?portal_type=CaseFile", "liuna").json()["items_total"] == 1


def test_journal_is_for_supervisors_not_for_handlers(case_url):
    assert call("GET", f"{case_url}/@journal", "zhouqiang").status_code == 200
    assert call("GET", f"{case_url}/@journal", "liuna").status_code in (401, 403)


def test_substitute_acts_on_behalf_of_the_holder_and_rights_end(functional, case_url):
    application(case_url, ["食品经营许可申请书", "营业执照"])
    assert step(case_url, "accept", "zhangwei").status_code == 200
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="s@example.org", username="deputy", password=PASSWORD)
    transaction.commit()
    assert call("POST", f"{case_url}/@assignments", "chenjun", principal="liuna", cause="handler",
                reason="承办人").status_code == 201
    # The deputy has no role anywhere: he may not even see the case.
    assert call("GET", case_url, "deputy").status_code in (401, 403)
    now = datetime.datetime.now()
    response = call("POST", f"{case_url}/@substitutions", "liuna", holder="liuna", substitute="deputy",
                    start=(now - datetime.timedelta(hours=1)).isoformat(timespec="seconds"),
                    end=(now + datetime.timedelta(days=1)).isoformat(timespec="seconds"), reason="承办人请假")
    assert response.status_code == 201, response.text
    # Reviewer (and Reader, to read the file he acts on) locally, through the substitution only.
    assert step(case_url, "start_review", "deputy").status_code == 200
    entry = [e for e in call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"] if e["action"] == "transition"][-1]
    assert (entry["actor"], entry["on_behalf_of"]) == ("deputy", ["liuna"])

    # A substitution whose period is over gives nothing.
    transaction.begin()  # see what the server committed
    case = functional["portal"].unrestrictedTraverse(case_url.split("/plone/")[1])
    from shaoyang.licensing.case import responsibility

    later = now + datetime.timedelta(days=2)
    assert "deputy" not in responsibility.local_roles(case, later)
    assert "Reviewer" in responsibility.local_roles(case, now)["deputy"]


def test_revoking_one_assignment_removes_only_its_grant(functional, case_url):
    first = call("POST", f"{case_url}/@assignments", "chenjun", principal="wangfang", cause="checker", reason="审核").json()
    call("POST", f"{case_url}/@assignments", "chenjun", principal="wangfang", cause="named_reader", reason="知悉")
    assert call("DELETE", f"{case_url}/@assignments/{first['id']}", "chenjun").status_code == 200
    active = call("GET", f"{case_url}/@assignments", "chenjun").json()["active"]
    mine = sorted(a["cause"] for a in active if a["principal"] == "wangfang")
    assert mine == ["named_reader"]


def test_journal_detects_tampering(functional, case_url):
    from shaoyang.licensing.case import journal
    from zope.annotation.interfaces import IAnnotations

    transaction.begin()  # see what the server committed
    case = functional["portal"].unrestrictedTraverse(case_url.split("/plone/")[1])
    assert journal.verify(case)["ok"]
    IAnnotations(case)[journal.ANNOTATION_KEY][0]["actor"] = "someone_else"
    result = journal.verify(case)
    assert (result["ok"], result["broken_at"]) == (False, 1)
    assert "篡改" in result["message"]


def test_secret_case_is_read_only_by_named_people(functional, site_url):
    response = call("POST", f"{site_url}/cases", "zhangwei",
                    **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE, "classification": "secret",
                       "disclosure": "withheld"})
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert call("GET", url, "liuna").status_code in (401, 403)  # department staff, not named
    assert call("GET", url, "zhouqiang").status_code in (401, 403)  # supervisor, not named
    assert call("GET", url, "zhangwei").status_code == 200  # first contact: named
    call("POST", f"{url}/@assignments", SITE_OWNER_NAME, principal="zhouqiang", cause="named_reader", reason="督办")
    assert call("GET", url, "zhouqiang").status_code == 200


def test_case_clocks_over_rest(case_url):
    application(case_url, ["食品经营许可申请书", "营业执照"])
    assert step(case_url, "accept", "zhangwei").status_code == 200
    clocks = call("GET", f"{case_url}/@clocks", "liuna").json()
    assert clocks["state"] == "已受理"
    acceptance, decision = clocks["clocks"]
    assert acceptance["title"] and acceptance["done"] == TODAY and acceptance["status"] == "done_on_time"
    assert decision["days"] == 10 and decision["done"] is None
    assert decision["status"] in ("on_time", "due_soon")


def test_views_and_downloads_of_non_public_records_are_journaled(case_url):
    import base64

    attachment = call("POST", case_url, "zhangwei", **{"@type": "Attachment", "title": "营业执照",
                      "file": {"data": base64.b64encode(b"scan").decode(), "encoding": "base64",
                               "filename": "license.txt", "content-type": "text/plain"}}).json()
    assert call("GET", case_url, "liuna").status_code == 200
    download = requests.get(f"{attachment['@id']}/@@download/file", auth=as_("liuna"), timeout=30)
    assert download.status_code == 200
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
    by_liuna = [(e["action"], e["summary"]) for e in entries if e["actor"] == "liuna"]
    assert ("view", f"查阅非公开记录：{call('GET', case_url, SITE_OWNER_NAME).json()['title']}") in by_liuna
    assert ("download", "下载非公开文件：营业执照") in by_liuna
    assert call("GET", f"{case_url}/@journal", "zhouqiang").json()["verification"]["ok"]


def test_changing_the_level_needs_its_permission_and_is_journaled(case_url):
    application(case_url, ["食品经营许可申请书", "营业执照"])
    assert step(case_url, "accept", "zhangwei").status_code == 200
    assert step(case_url, "start_review", "liuna").status_code == 200
    refused = call("PATCH", case_url, "liuna", classification="personal")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "classification"
    assert "无权变更密级" in refused.json()["message"]
    assert call("PATCH", case_url, "chenjun", classification="personal", disclosure="withheld").status_code == 204
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
    change = [e for e in entries if e["action"] == "classification"][-1]
    assert change["actor"] == "chenjun" and "含个人信息或商业秘密" in change["summary"]


def test_r3_2_one_extension_approved_and_told_to_the_applicant(case_url):
    application(case_url, ["食品经营许可申请书", "营业执照"])
    assert step(case_url, "accept", "zhangwei").status_code == 200
    before = call("GET", f"{case_url}/@clocks", "liuna").json()["clocks"][1]
    assert call("POST", f"{case_url}/@extension", "liuna", days=5, reason="需现场核查").status_code == 403
    too_long = call("POST", f"{case_url}/@extension", "chenjun", days=11, reason="需现场核查经营场所")
    assert too_long.status_code == 400 and "1至10个工作日" in too_long.json()["error"]["message"]
    granted = call("POST", f"{case_url}/@extension", "chenjun", days=5, reason="需现场核查经营场所")
    assert granted.status_code == 200, granted.text
    again = call("POST", f"{case_url}/@extension", "chenjun", days=2, reason="再次延期的理由")
    assert again.status_code == 400 and "延期只能一次" in again.json()["error"]["message"]
    after = call("GET", f"{case_url}/@clocks", "liuna").json()["clocks"][1]
    assert after["due"] > before["due"]
    items = call("GET", case_url, SITE_OWNER_NAME).json()["items"]
    assert any(i["@type"] == "Notice" and "延期通知书" in i["title"] for i in items), [i["title"] for i in items]
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
    assert any(e["action"] == "extension" and e["actor"] == "chenjun" for e in entries)
