"""Upgrade steps bring a site made with an older profile to the code's version."""

from helpers import make_item
from plone import api
from plone.dexterity.utils import createContentInContainer

import datetime
import pytest


PROFILE = "shaoyang.licensing:default"


@pytest.fixture
def site_at_1000(portal, setup_tool):
    """The site as version 1000 left it: no next_security_change index, a case with a
    substitution that begins tomorrow."""
    make_item(portal)
    catalog = portal.portal_catalog
    catalog.delIndex("next_security_change")
    with api.env.adopt_user(username="zhangwei"):  # a receiver files it
        case = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000")
    from shaoyang.licensing.case import responsibility

    responsibility.assign(case, "liuna", "handler", "承办人")
    start = datetime.datetime.now() + datetime.timedelta(days=1)
    responsibility.substitute(case, "liuna", "deputy", start, start + datetime.timedelta(days=3), "请假")
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    return case


def test_1001_adds_and_fills_next_security_change(site_at_1000, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    assert "next_security_change" not in catalog.indexes()
    setup_tool.upgradeProfile(PROFILE, dest="1001")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1001",)
    assert "next_security_change" in catalog.indexes()
    later = datetime.datetime.now() + datetime.timedelta(days=2)
    from shaoyang.licensing.case.daily import _date_time

    found = catalog.unrestrictedSearchResults(next_security_change={"query": _date_time(later), "range": "max"})
    assert [b.UID for b in found] == [site_at_1000.UID()]


def test_1002_adds_the_search_tabs_and_the_item_code_index(portal, setup_tool):
    make_item(portal)
    with api.env.adopt_user(username="zhangwei"):
        case = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000")
    tabs = portal.portal_actions.portal_tabs
    for name in ("case_search", "public_decisions", "case_progress"):
        tabs._delObject(name)
    del case.query_code  # filed before 1002
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("item_code")
    setup_tool.setLastVersionForProfile(PROFILE, "1001")
    setup_tool.upgradeProfile(PROFILE)
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)
    assert tabs.case_search.url_expr.endswith("/@@case-search")
    assert tabs.case_search.permissions == ("shaoyang.licensing: View search status",)
    assert tabs.public_decisions.url_expr.endswith("/@@public-decisions")
    assert tabs.public_decisions.permissions == ("View",)
    assert [b.UID for b in catalog.unrestrictedSearchResults(item_code="XK09901000")] == [case.UID()]
    assert tabs.case_progress.url_expr.endswith("/@@case-progress")
    assert len(case.query_code) == 6 and case.query_code.isdigit()
