"""好差评 after the rating: follow-up of real-name bad reviews with a deadline (R6.3), appeals,
and the statistics of R6.4, over REST with the demo staff."""

from helpers import make_item
from helpers import TEST_ITEM_CODE

import datetime
import pytest
import requests
import transaction


TODAY = datetime.date.today()


def call(_method, _url, _user, **json):
    auth = (_user, "secret" if _user == "admin" else "shaoyang-demo") if _user else None
    return requests.request(_method, _url, headers={"Accept": "application/json"}, auth=auth,
                            json=json or None, timeout=60)


@pytest.fixture
def site_url(functional):
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME

    make_item(functional["portal"])
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        # a supervisor of another department: reads every case, follows up none
        api.user.create(email="s@example.org", username="jtys_supervisor", password="shaoyang-demo")
        api.group.add_user(groupname="Supervisors", username="jtys_supervisor")
        api.group.add_user(groupname="department-jtys", username="jtys_supervisor")
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone"


def rate(site_url, level, real_name, channel="window"):
    case = call("POST", f"{site_url}/cases", "zhangwei", **{"@type": "CaseFile", "item_code": TEST_ITEM_CODE}).json()
    evaluation = call("POST", case["@id"], "admin", **{"@type": "Evaluation", "channel": channel, "level": level,
                      "rated_at": f"{TODAY.isoformat()}T09:00:00", "real_name": real_name, "staff": "zhangwei"})
    assert evaluation.status_code == 201, evaluation.text
    return case["@id"], evaluation.json()["@id"]


def test_r6_3_real_name_bad_review_is_followed_up_and_rectified(site_url):
    case_url, url = rate(site_url, "very_dissatisfied", True)
    refused = call("POST", f"{url}/@evaluation-followup", "zhangwei", action="rectify", note="")
    assert refused.status_code == 400 and "须写明" in refused.json()["error"]["message"]
    outsider = call("POST", f"{url}/@evaluation-followup", "jtys_supervisor", action="rectify", note="已整改")
    assert outsider.status_code == 403
    done = call("POST", f"{url}/@evaluation-followup", "zhangwei", action="rectify",
                note="已电话回访申请人，窗口增加导办人员。")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "rectified" and done.json()["done"] <= done.json()["due"]
    journal = call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
    assert any("回访整改" in e["summary"] for e in journal)


def test_anonymous_or_good_reviews_need_no_follow_up(site_url):
    _, url = rate(site_url, "dissatisfied", False)
    response = call("POST", f"{url}/@evaluation-followup", "zhangwei", action="rectify", note="x")
    assert response.status_code == 400 and "无需回访" in response.json()["error"]["message"]


def test_appeal_is_decided_by_a_supervisor_and_leaves_the_statistics(site_url):
    _, url = rate(site_url, "very_dissatisfied", True)
    rate(site_url, "satisfied", True)
    before = call("GET", f"{site_url}/@evaluation-statistics", "zhouqiang").json()["items"][0]
    assert (before["ratings"], before["bad"], before["bad_rate"]) == (2, 1, 50.0)
    assert call("POST", f"{url}/@evaluation-followup", "zhangwei", action="appeal",
                note="评价人误操作，已核实并取得书面说明。").status_code == 200
    assert call("POST", f"{url}/@evaluation-followup", "zhangwei", action="uphold_appeal",
                note="成立").status_code == 403
    assert call("POST", f"{url}/@evaluation-followup", "jtys_supervisor", action="uphold_appeal",
                note="经核实，申诉成立。").status_code == 200
    after = call("GET", f"{site_url}/@evaluation-statistics", "zhouqiang").json()["items"][0]
    assert (after["ratings"], after["bad"], after["satisfaction_rate"]) == (1, 0, 100.0)


@pytest.mark.parametrize("user,status", [(None, 401), ("liuna", 401), ("zhouqiang", 200), ("sunli", 200)])
def test_statistics_are_for_oversight(site_url, user, status):
    assert call("GET", f"{site_url}/@evaluation-statistics?group_by=item", user).status_code == status
