"""1001 → 1002: navigation tabs for staff search (案卷检索), the public decisions page
(决定公示), until then reachable only by their address, and the applicants' progress lookup
(办件查询) with a query code for every case that has none; the catalog index ``item_code``,
filled for the cases a site holds, with which the search worker finds the cases of a changed
item (search/worker.py)."""

from plone import api
from shaoyang.licensing.case.numbering import new_query_code
from shaoyang.licensing.upgrades import PROFILE
from shaoyang.licensing.upgrades import reindex_cases


def add_search_tabs_and_item_code(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "actions")
    setup_tool.runImportStepFromProfile(PROFILE, "catalog")
    reindex_cases("item_code", "1002")
    give_query_codes()


def give_query_codes():
    """Cases filed before 1002 have no query code: give each one (the applicant learns it at
    the window; new receipts print it)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
        case = brain._unrestrictedGetObject()
        if case.receipt_number and not getattr(case, "query_code", None):
            case.query_code = new_query_code()
