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
    setup_tool.upgradeProfile(PROFILE, dest="1002")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1002",)
    assert tabs.case_search.url_expr.endswith("/@@case-search")
    assert tabs.case_search.permissions == ("shaoyang.licensing: View search status",)
    assert tabs.public_decisions.url_expr.endswith("/@@public-decisions")
    assert tabs.public_decisions.permissions == ("View",)
    assert [b.UID for b in catalog.unrestrictedSearchResults(item_code="XK09901000")] == [case.UID()]
    assert tabs.case_progress.url_expr.endswith("/@@case-progress")
    assert len(case.query_code) == 6 and case.query_code.isdigit()


def test_1003_names_the_supervision_types_in_their_package(portal, setup_tool):
    """A site made before 1003 names case/supervision.py in its type definitions, its pickles
    and its catalog; after the step everything names supervision/content.py, data unchanged."""
    import pickle

    from shaoyang.licensing.supervision.content import IInspection
    from shaoyang.licensing.supervision.content import Inspection

    types = portal.portal_types
    for name in ("Inspection", "Rectification", "Accountability", "Evaluation"):
        types[name].klass = f"shaoyang.licensing.case.supervision.{name}"
        types[name].schema = f"shaoyang.licensing.case.supervision.I{name}"
    # protocol 0 names the class as text, so the old module name can be written in its place
    old_pickle = pickle.dumps(Inspection, protocol=0).replace(b"supervision.content", b"case.supervision")
    assert pickle.loads(old_pickle) is Inspection  # what an old database holds still loads
    inspection = createContentInContainer(
        portal["inspections"], "Inspection", inspection_date=datetime.date(2026, 3, 2),
        inspectors=["zhouqiang", "wuhao"], findings="抽查档案", result="compliant", agency="scjg",
        checkConstraints=False,
    )
    setup_tool.setLastVersionForProfile(PROFILE, "1002")
    setup_tool.upgradeProfile(PROFILE, dest="1003")
    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1003",)
    assert types.Inspection.klass == "shaoyang.licensing.supervision.content.Inspection"
    assert types.Evaluation.schema == "shaoyang.licensing.supervision.content.IEvaluation"
    assert types.SupervisionRepository.schema == "shaoyang.licensing.supervision.content.ISupervisionRepository"
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(object_provides=IInspection.__identifier__)
    assert inspection.UID() in [b.UID for b in found]
    assert inspection.findings == "抽查档案"
