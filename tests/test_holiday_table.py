"""Keeping the holiday table current (R3.8): a year's table loaded on the site makes the open
cases' provisional deadlines final; due dates are stored on the case and indexed."""

from helpers import make_item
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.deadlines.holiday_table import load_years

import datetime
import pytest
import requests


TABLE_2027 = """
years:
  2027:
    source: 测试用表（非官方）
    holidays:
      2027-01-01: 元旦
      2027-01-04: 元旦
    makeup_workdays: []
"""


def test_stored_due_dates_are_indexed_and_recomputed_when_a_year_is_loaded(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    make_item(portal)
    case = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000",
                                    received_date=datetime.date(2026, 12, 21))
    before = case.due_dates["acceptance"]
    assert before["due"] == "2026-12-28"  # within 2026: known
    catalog = api.portal.get_tool("portal_catalog")
    # a decision clock starting at receipt (no acceptance yet) runs into 2027: provisional
    assert case.due_dates["decision"]["provisional"] is True
    provisional_due = case.due_dates["decision"]["due"]
    found = catalog(portal_type="CaseFile", decision_due={"query": provisional_due, "range": "max"})
    assert [b.getObject() for b in found] == [case]
    assert [b.getObject() for b in catalog(portal_type="CaseFile", overdue=False)] == [case]

    result = load_years(TABLE_2027)
    assert result == {"years": [2027], "recomputed": 1}
    assert case.due_dates["decision"]["provisional"] is False
    # the two holidays of the loaded table push the due day back
    assert case.due_dates["decision"]["due"] > provisional_due


@pytest.mark.parametrize(
    "text,words",
    [("years: [", "不是有效的YAML"), ("years:\n  2027:\n    makeup_workdays: [2027-01-05]\n", "不是周末"),
     ("years:\n  2027: {}\n", "表为空"), ("", "至少一个年度")],
)
def test_bad_tables_are_refused_in_chinese(portal, text, words):
    with pytest.raises(CityProfileError, match=words):
        load_years(text)


def test_rest_and_page_are_for_site_administrators(functional):
    site = f"http://{functional['host']}:{functional['port']}/plone"
    headers = {"Accept": "application/json"}
    denied = requests.post(f"{site}/@holiday-table", json={"table": TABLE_2027}, headers=headers,
                           auth=("zhouqiang", "shaoyang-demo"), timeout=30)
    assert denied.status_code == 401
    ok = requests.post(f"{site}/@holiday-table", json={"table": TABLE_2027}, headers=headers,
                       auth=("admin", "secret"), timeout=30)
    assert ok.status_code == 200 and ok.json()["years"] == [2027]
    years = requests.get(f"{site}/@holiday-table", headers=headers, auth=("liuna", "shaoyang-demo"), timeout=30)
    assert set(years.json()["years"]) >= {"2026", "2027"}
    page = requests.get(f"{site}/@@holiday-table", auth=("admin", "secret"), timeout=30)
    assert "节假日调休表" in page.text and "2027" in page.text
    bad = requests.post(f"{site}/@holiday-table", json={"table": "years: ["}, headers=headers,
                        auth=("admin", "secret"), timeout=30)
    assert bad.status_code == 400 and "YAML" in bad.json()["error"]["message"]
