"""The daily run (case/daily.py, scripts/daily): what changes with time alone reaches the
catalog and the search index — substitution periods that begin or end, clock statuses of
running cases — and a second run changes nothing."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from plone import api  # noqa: E402
from plone.app.testing import SITE_OWNER_NAME  # noqa: E402
from plone.uuid.interfaces import IUUID  # noqa: E402
from test_search_helpers import document  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from test_search_helpers import site  # noqa: E402,F401 (a fixture)
from shaoyang.licensing.case import daily  # noqa: E402
from shaoyang.licensing.case import responsibility  # noqa: E402
from shaoyang.licensing.search import maintenance  # noqa: E402

import datetime  # noqa: E402
import pytest  # noqa: E402
import time  # noqa: E402
import transaction  # noqa: E402


pytestmark = pytest.mark.search


def catalogued_readers(portal, case):
    catalog = portal.portal_catalog
    rid = catalog.getrid("/".join(case.getPhysicalPath()))
    return set(catalog.getIndexDataForRID(rid)["allowedRolesAndUsers"])


def run_daily(portal, today=None):
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        counts = daily.refresh(portal, today=today, say=lambda line: None)
    settle(portal)
    return counts


def test_substitution_periods_that_begin_or_end_reach_catalog_and_index(site):
    ending, starting = file_case(site, applicant_name="顶岗结束"), file_case(site, applicant_name="顶岗开始")
    now = datetime.datetime.now()
    soon = now + datetime.timedelta(seconds=2)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for case in (ending, starting):
            responsibility.assign(case, "liuna", "handler", "承办人")
        responsibility.substitute(ending, "liuna", "deputy-ending", now - datetime.timedelta(days=1), soon, "请假")
        responsibility.substitute(starting, "liuna", "deputy-starting", soon, now + datetime.timedelta(days=1), "出差")
    transaction.commit()
    settle(site)
    engine = search_engine()
    assert "user:deputy-ending" in catalogued_readers(site, ending)
    assert "user:deputy-starting" not in catalogued_readers(site, starting)
    assert "user:deputy-ending" in document(engine, site, IUUID(ending))["allowedRolesAndUsers"]

    time.sleep(max(0.0, (soon - datetime.datetime.now()).total_seconds()) + 0.5)
    assert run_daily(site)["security"] == 2
    assert "user:deputy-ending" not in catalogued_readers(site, ending)
    assert "user:deputy-starting" in catalogued_readers(site, starting)
    assert "user:deputy-ending" not in document(engine, site, IUUID(ending))["allowedRolesAndUsers"]
    assert "user:deputy-starting" in document(engine, site, IUUID(starting))["allowedRolesAndUsers"]
    # The ended one has nothing ahead; the begun one waits for its end, a day from now.
    assert run_daily(site)["security"] == 0


def test_a_running_case_becomes_overdue_with_the_date_alone(site):
    case = file_case(site, applicant_name="时限测试")
    settle(site)
    engine = search_engine()
    uid = IUUID(case)
    assert not document(engine, site, uid)["overdue"]
    catalog = site.portal_catalog
    assert not catalog.unrestrictedSearchResults(UID=uid, overdue=True)

    # Sixty days on, nobody has answered the application: the acceptance clock is late.
    later = datetime.date.today() + datetime.timedelta(days=60)
    assert run_daily(site, later)["clocks"] >= 1
    assert catalog.unrestrictedSearchResults(UID=uid, overdue=True)
    assert document(engine, site, uid)["overdue"] is True
    assert maintenance.reconcile(site, engine, say=lambda line: None) == {"missing": [], "extra": [], "stale": []}
    # Nothing changed since: nothing is written again.
    saved = case._p_serial
    assert run_daily(site, later)["clocks"] == 0
    transaction.begin()
    assert case._p_serial == saved
