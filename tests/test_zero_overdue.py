"""零超时 figures (issue 5, partly): on-time rate per agency and the overdue list, recounted."""

from helpers import make_item
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.case import journal
from shaoyang.licensing.supervision.zero_overdue import zero_overdue
from zope.annotation.interfaces import IAnnotations

import datetime
import pytest
import requests
import transaction


def _case(portal, received, accepted=None, decided=None, delivered=None):
    case = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000", received_date=received)
    entries = IAnnotations(case)[journal.ANNOTATION_KEY]
    # The clocks read the steps' dates from the journal: write them as the steps would have.
    for transition, day in (("accept", accepted), ("decide", decided), ("deliver", delivered)):
        if day:
            journal.record(case, "transition", transition, {"transition": transition})
            entries[-1]["time"] = f"{day.isoformat()}T09:00:00"
    return case


def test_on_time_rate_and_overdue_list_match_a_recount(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_item(portal)  # promised 10 working days
    d = datetime.date
    _case(portal, d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 10), d(2026, 3, 12))  # decided in time
    _case(portal, d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 30), d(2026, 3, 31))  # decided late
    late_open = _case(portal, d(2026, 3, 2), d(2026, 3, 2))  # still open, long overdue
    figures = zero_overdue(today=d(2026, 6, 1))
    row = next(a for a in figures["agencies"] if a["agency"] == "xzsp")
    assert (row["finished"], row["on_time"], row["late"], row["open_overdue"]) == (2, 1, 1, 1)
    assert row["on_time_rate"] == 50.0
    assert [c["receipt_number"] for c in figures["overdue"]] == [late_open.receipt_number]
    assert figures["totals"]["on_time_rate"] == 50.0
    assert zero_overdue(agency="scjg", today=d(2026, 6, 1))["agencies"] == []


@pytest.mark.parametrize("user,status", [(None, 401), ("liuna", 401), ("zhangwei", 401), ("zhouqiang", 200), ("sunli", 200)])
def test_rest_endpoint_is_for_oversight(functional, user, status):
    site = f"http://{functional['host']}:{functional['port']}/plone"
    auth = (user, "shaoyang-demo") if user else None
    response = requests.get(f"{site}/@zero-overdue", headers={"Accept": "application/json"}, auth=auth, timeout=30)
    assert response.status_code == status
    if status == 200:
        assert set(response.json()) == {"agencies", "overdue", "due_soon", "totals"}
        page = requests.get(f"{site}/@@zero-overdue", auth=auth, timeout=30)
        assert "零超时督查" in page.text and "按时办结率" in page.text


def test_bad_date_filter_is_a_clear_error(functional):
    site = f"http://{functional['host']}:{functional['port']}/plone"
    response = requests.get(f"{site}/@zero-overdue?from=2026-13-01", headers={"Accept": "application/json"},
                            auth=("zhouqiang", "shaoyang-demo"), timeout=30)
    assert response.status_code == 400 and "日期格式" in response.json()["error"]["message"]
