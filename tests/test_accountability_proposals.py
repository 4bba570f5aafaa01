"""Late clocks propose accountability (R4.6); a supervisor confirms or dismisses with a reason."""

from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from shaoyang.licensing.case import journal
from zope.annotation.interfaces import IAnnotations

import datetime
import requests
import transaction


def call(_method, _url, _user, **json):
    auth = (_user, "secret" if _user == SITE_OWNER_NAME else "shaoyang-demo") if _user else None
    return requests.request(_method, _url, headers={"Accept": "application/json"}, auth=auth,
                            json=json or None, timeout=60)


def test_late_decision_proposes_and_supervisor_decides(functional):
    portal = functional["portal"]
    make_item(portal)
    site = f"http://{functional['host']}:{functional['port']}/plone"
    with api.env.adopt_user(username="zhangwei"):
        from plone.dexterity.utils import createContentInContainer

        case = createContentInContainer(portal["cases"], "CaseFile", item_code=TEST_ITEM_CODE,
                                        received_date=datetime.date(2026, 3, 2))
    # accepted long ago and never decided: the decision clock is overdue
    journal.record(case, "transition", "受理", {"transition": "accept"}, actor="zhangwei")
    IAnnotations(case)[journal.ANNOTATION_KEY][-1]["time"] = "2026-03-02T09:00:00"
    transaction.commit()

    assert call("POST", f"{site}/@accountability-proposals", "sunli").status_code == 403  # archivist
    made = call("POST", f"{site}/@accountability-proposals", "zhouqiang").json()["items"]
    assert [p["clock"] for p in made] == ["decision"] and made[0]["person"] == "zhangwei"
    again = call("POST", f"{site}/@accountability-proposals", "zhouqiang").json()["items"]
    assert again == []  # one proposal per clock
    listed = call("GET", f"{site}/@accountability-proposals", "zhouqiang").json()["items"]
    url = f"{listed[0]['case']}/@accountability-proposals/{listed[0]['id']}"
    assert call("POST", url, "zhouqiang", confirm=True, reason="").status_code == 400
    confirmed = call("POST", url, "zhouqiang", confirm=True, reason="经核查，承办人未按时提请决定。")
    assert confirmed.status_code == 200, confirmed.text
    record = call("GET", f"{listed[0]['case']}/{confirmed.json()['record']}", "zhouqiang").json()
    assert record["violation"]["token"] == "V09" and record["person"] == "zhangwei"
    assert call("POST", url, "zhouqiang", confirm=False, reason="重复处理").status_code == 400
    assert call("GET", f"{site}/@accountability-proposals", "zhouqiang").json()["items"] == []
    assert call("GET", f"{site}/@accountability-proposals", "liuna").status_code == 401
