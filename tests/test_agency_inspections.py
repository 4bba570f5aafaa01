"""Inspections of an agency (R4.7; issue 5), not only of a case: recorded by supervisors,
signed by two inspectors, with rectification tasks whose deadlines reach the dashboard."""

import datetime
import requests


TODAY = datetime.date.today()


def call(_method, _url, _user, **json):
    auth = (_user, "secret" if _user == "admin" else "shaoyang-demo") if _user else None
    return requests.request(_method, _url, headers={"Accept": "application/json"}, auth=auth,
                            json=json or None, timeout=60)


def test_supervisor_inspects_an_agency_and_follows_its_rectification(functional):
    site = f"http://{functional['host']}:{functional['port']}/plone"
    inspection = {"@type": "Inspection", "title": "2026年第四季度市场监管局许可专项检查",
                  "inspection_date": TODAY.isoformat(), "inspectors": ["周强", "赵敏"], "agency": "scjg",
                  "findings": "3件案卷未在承诺时限内作出决定。", "result": "rectify", "signed": True}
    assert call("POST", f"{site}/inspections", None, **inspection).status_code == 401
    created = call("POST", f"{site}/inspections", "zhouqiang", **inspection)
    assert created.status_code == 201, created.text
    assert created.json()["agency"]["title"] == "邵阳市市场监督管理局"
    deadline = (TODAY + datetime.timedelta(days=30)).isoformat()
    rectification = call("POST", f"{site}/inspections", "zhouqiang",
                         **{"@type": "Rectification", "title": "超时案件整改", "finding": "建立到期提醒。",
                            "responsible": "陈军", "agency": "scjg", "deadline": deadline,
                            "inspection": created.json()["id"]})
    assert rectification.status_code == 201, rectification.text
    board = call("GET", f"{site}/@supervision-dashboard", "zhouqiang").json()
    open_ = board["rectifications"]["open"]
    assert [(r["title"], r["agency"], r["receipt_number"]) for r in open_] == [
        ("超时案件整改", "邵阳市市场监督管理局", None)]
    done = call("PATCH", rectification.json()["@id"], "zhouqiang", completed_date=TODAY.isoformat(),
                completion_note="已上线到期提醒。")
    assert done.status_code == 204
    board = call("GET", f"{site}/@supervision-dashboard", "zhouqiang").json()
    assert board["rectifications"]["open"] == [] and board["rectifications"]["completed_on_time"] == 1
    assert call("GET", f"{site}/inspections", None).status_code == 401
    unsigned = call("POST", f"{site}/inspections", "zhouqiang", **{**inspection, "signed": False})
    assert unsigned.status_code == 400
