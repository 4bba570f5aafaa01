"""The supervisors' dashboard (issue 5): its numbers against a recount by hand on known data,
the REST permission matrix, and the Excel export."""

from helpers import make_item
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.case import journal
from shaoyang.licensing.supervision.dashboard import dashboard
from shaoyang.licensing.supervision.export import workbook_bytes
from shaoyang.licensing.supervision.zero_overdue import zero_overdue
from zope.annotation.interfaces import IAnnotations

import datetime
import io
import openpyxl
import pytest
import requests
import transaction


d = datetime.date
TODAY = d(2026, 6, 1)  # a Monday


def _case(portal, item_code, received, accepted=None, decided=None, delivered=None):
    case = createContentInContainer(portal["cases"], "CaseFile", item_code=item_code, received_date=received)
    entries = IAnnotations(case)[journal.ANNOTATION_KEY]
    # The clocks read the steps' dates from the journal: write them as the steps would have.
    for transition, day in (("accept", accepted), ("decide", decided), ("deliver", delivered)):
        if day:
            journal.record(case, "transition", transition, {"transition": transition})
            entries[-1]["time"] = f"{day.isoformat()}T09:00:00"
    return case


def _evaluation(case, level, channel, real_name=False):
    return createContentInContainer(
        case, "Evaluation", level=level, channel=channel, real_name=real_name,
        rated_at=datetime.datetime(2026, 4, 20, 10, 0),
    )


def _rectification(case, finding, deadline, completed=None):
    return createContentInContainer(
        case, "Rectification", title=finding, finding=finding, responsible="刘娜", deadline=deadline,
        completed_date=completed,
    )


def build_cases(portal):
    """Five cases with known outcomes (item 1: xzsp, promised 10 days; item 2: scjg).

    A decided in 6 working days, B in 20 (late), C open and overdue, D due on 06-03 (due soon
    on 06-01), E (item 2) decided in 2. Ratings on A (2), B (1 bad, real name), E (1);
    rectifications on B: one overdue, one due soon, one done in time, one done late.
    """
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        make_item(portal)  # XK09901000, accepting agency xzsp, promised 10 working days
        make_item(portal, code_main="09902", title="测试事项：药品经营许可", accepting_agency="scjg")
        a = _case(portal, "XK09901000", d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 10), d(2026, 3, 12))
        b = _case(portal, "XK09901000", d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 30), d(2026, 3, 31))
        c = _case(portal, "XK09901000", d(2026, 3, 2), d(2026, 3, 2))
        dd = _case(portal, "XK09901000", d(2026, 5, 20), d(2026, 5, 20))
        e = _case(portal, "XK09902000", d(2026, 4, 1), d(2026, 4, 1), d(2026, 4, 3), d(2026, 4, 7))
        _evaluation(a, "very_satisfied", "window")
        _evaluation(a, "satisfied", "online")
        _evaluation(b, "very_dissatisfied", "window", real_name=True)
        _evaluation(e, "basic", "phone")
        _rectification(b, "告知书未写明救济途径", d(2026, 5, 20))
        _rectification(b, "补正告知超过五日", d(2026, 6, 2))
        _rectification(b, "材料清单未归档", d(2026, 4, 10), completed=d(2026, 4, 9))
        _rectification(b, "决定书未公示", d(2026, 4, 10), completed=d(2026, 4, 15))
    # counted as a supervisor sees them (the catalog filters what the user may read)
    setRoles(portal, TEST_USER_ID, ["Supervisor"])
    return {"a": a, "b": b, "c": c, "d": dd, "e": e}


def test_figures_match_a_recount(portal):
    cases = build_cases(portal)
    figures = dashboard(today=TODAY)
    assert figures["cases"] == 5

    # 零超时 (R3): the same numbers as @zero-overdue
    zo = figures["zero_overdue"]
    assert zo == zero_overdue(today=TODAY)
    rows = {a["agency"]: a for a in zo["agencies"]}
    assert (rows["xzsp"]["finished"], rows["xzsp"]["on_time"], rows["xzsp"]["late"], rows["xzsp"]["open_overdue"]) == (2, 1, 1, 1)
    assert rows["xzsp"]["on_time_rate"] == 50.0
    assert (rows["scjg"]["finished"], rows["scjg"]["on_time"], rows["scjg"]["on_time_rate"]) == (1, 1, 100.0)
    assert zo["totals"]["on_time_rate"] == 66.7  # 2 of 3
    assert [c["receipt_number"] for c in zo["overdue"]] == [cases["c"].receipt_number]
    assert [c["receipt_number"] for c in zo["due_soon"]] == [cases["d"].receipt_number]

    # processing time: working days after acceptance up to the decision (March 2026 has no holidays)
    items = {i["item_code"]: i for i in figures["processing"]["items"]}
    one = items["XK09901000"]
    assert one["values"] == [6, 20]
    assert (one["count"], one["min"], one["median"], one["mean"], one["max"]) == (2, 6, 13.0, 13.0, 20)
    assert (one["q1"], one["q3"]) == (9.5, 16.5)
    assert (one["limit_days"], one["over_limit"]) == (10, 1)
    assert one["item_title"] == "测试事项：食品经营许可"
    assert items["XK09902000"]["values"] == [2]
    histogram = {b["label"]: b["count"] for b in figures["processing"]["histogram"]}
    assert histogram == {"0–2": 1, "3–5": 0, "6–10": 1, "11–15": 0, "16–20": 1, "21–30": 0, "30+": 0}

    # evaluations (R6.4)
    ev = figures["evaluations"]
    assert {lv["level"]: lv["count"] for lv in ev["levels"]} == {
        "very_satisfied": 1, "satisfied": 1, "basic": 1, "dissatisfied": 0, "very_dissatisfied": 1}
    assert [lv["title"] for lv in ev["levels"]] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert (ev["total"], ev["bad"], ev["bad_real_name"], ev["rated_cases"]) == (4, 1, 1, 3)
    assert (ev["rating_rate"], ev["satisfaction_rate"], ev["bad_rate"]) == (60.0, 75.0, 25.0)
    assert {c["channel"]: c["count"] for c in ev["channels"]}["window"] == 2
    per_agency = {a["agency"]: a for a in ev["agencies"]}
    assert (per_agency["xzsp"]["total"], per_agency["xzsp"]["bad_rate"]) == (3, 33.3)

    # rectifications: the open ones by deadline, the on-time fix rate
    rect = figures["rectifications"]
    assert [(r["finding"], r["status"]) for r in rect["open"]] == [
        ("告知书未写明救济途径", "overdue"), ("补正告知超过五日", "due_soon")]
    assert rect["open"][1]["working_days_left"] == 1
    assert (rect["open_count"], rect["open_overdue"], rect["completed"], rect["completed_on_time"]) == (2, 1, 2, 1)
    assert rect["on_time_fix_rate"] == 50.0


def test_filters_by_agency_item_and_period(portal):
    cases = build_cases(portal)
    scjg = dashboard(agency="scjg", today=TODAY)
    assert scjg["cases"] == 1
    assert [a["agency"] for a in scjg["zero_overdue"]["agencies"]] == ["scjg"]
    assert scjg["evaluations"]["total"] == 1 and scjg["evaluations"]["satisfaction_rate"] == 100.0
    assert scjg["rectifications"]["open"] == []
    by_item = dashboard(item="XK09901000", today=TODAY)
    assert by_item["cases"] == 4 and [i["item_code"] for i in by_item["processing"]["items"]] == ["XK09901000"]
    may = dashboard(start=d(2026, 5, 1), end=d(2026, 5, 31), today=TODAY)
    assert may["cases"] == 1
    assert [c["receipt_number"] for c in may["zero_overdue"]["due_soon"]] == [cases["d"].receipt_number]
    assert may["evaluations"]["total"] == 0 and may["evaluations"]["rating_rate"] == 0.0
    assert may["evaluations"]["satisfaction_rate"] is None  # nothing rated: no rate, not 0 %
    # the filter form offers every department and item
    codes = [i["code"] for i in may["options"]["items"]]
    assert "XK09901000" in codes and "XK09902000" in codes
    assert any(a["code"] == "scjg" for a in may["options"]["agencies"])


def test_export_has_the_tables(portal):
    cases = build_cases(portal)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(dashboard(today=TODAY))))
    assert book.sheetnames == ["筛选条件", "单位按时办结率", "超时案件", "即将到期", "办理用时", "评价统计", "未完成整改"]
    agencies = list(book["单位按时办结率"].iter_rows(values_only=True))
    assert agencies[0] == ("受理单位", "单位代码", "办结", "按时", "超时办结", "按时办结率（%）", "当前超时")
    assert ("邵阳市市场监督管理局", "scjg", 1, 1, 0, 100, 0) in agencies
    assert agencies[-1][0] == "合计" and agencies[-1][5] == 66.7
    overdue = list(book["超时案件"].iter_rows(values_only=True))
    assert overdue[0][0] == "受理编号" and [r[0] for r in overdue[1:]] == [cases["c"].receipt_number]
    assert "已超时" in overdue[1][4]
    stats = dict(book["评价统计"].iter_rows(min_row=2, values_only=True))
    assert stats["评价等级：非常不满意"] == 1 and stats["评价总数"] == 4 and stats["差评率（%）"] == 25
    open_rect = list(book["未完成整改"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in open_rect] == ["告知书未写明救济途径", "补正告知超过五日"]


@pytest.mark.parametrize(
    "user,status",
    [(None, 401), ("liuna", 401), ("zhangwei", 401), ("zhouqiang", 200), ("sunli", 200)],
)
def test_rest_is_for_supervisors_and_archivists(functional, user, status):
    """Reviewer (liuna) and receiver (zhangwei) are refused, as anonymous is; the supervisor
    (zhouqiang) and the archivist (sunli) get the figures, the page and the export."""
    site = f"http://{functional['host']}:{functional['port']}/plone"
    auth = (user, "shaoyang-demo") if user else None
    response = requests.get(f"{site}/@supervision-dashboard", headers={"Accept": "application/json"}, auth=auth, timeout=30)
    assert response.status_code == status
    export = requests.get(f"{site}/@@supervision-dashboard/export.xlsx", auth=auth, timeout=30, allow_redirects=False)
    if status != 200:
        assert export.status_code in (302, 401, 403)
        assert not export.content.startswith(b"PK")
        return
    assert set(response.json()) == {"filters", "options", "cases", "zero_overdue", "processing", "evaluations", "rectifications"}
    assert export.status_code == 200 and export.content.startswith(b"PK")
    assert "spreadsheetml" in export.headers["Content-Type"]
    page = requests.get(f"{site}/@@supervision-dashboard", auth=auth, timeout=30)
    assert page.status_code == 200, page.text[-4000:]
    assert "监督看板" in page.text and "各单位按时办结率" in page.text and "好差评统计" in page.text


def test_rest_numbers_and_filters_over_http(functional):
    portal = functional["portal"]
    build_cases(portal)
    transaction.commit()
    site = f"http://{functional['host']}:{functional['port']}/plone"
    auth = ("zhouqiang", "shaoyang-demo")
    whole = requests.get(f"{site}/@supervision-dashboard", headers={"Accept": "application/json"}, auth=auth, timeout=30).json()
    assert whole["cases"] == 5 and whole["evaluations"]["total"] == 4
    scjg = requests.get(f"{site}/@supervision-dashboard?agency=scjg", headers={"Accept": "application/json"},
                        auth=auth, timeout=30).json()
    assert scjg["cases"] == 1 and scjg["filters"]["agency"] == "scjg"
    book = openpyxl.load_workbook(io.BytesIO(
        requests.get(f"{site}/@@supervision-dashboard/export.xlsx?agency=scjg", auth=auth, timeout=30).content))
    rows = list(book["单位按时办结率"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["邵阳市市场监督管理局", "合计"]
    bad = requests.get(f"{site}/@supervision-dashboard?to=2026-02-30", headers={"Accept": "application/json"},
                       auth=auth, timeout=30)
    assert bad.status_code == 400 and "日期格式" in bad.json()["error"]["message"]
