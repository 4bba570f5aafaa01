"""1001 → 1002: navigation tabs for staff search (案卷检索) and the public decisions page
(决定公示), until then reachable only by their address; and the catalog index ``item_code``,
filled for the cases a site holds, with which the search worker finds the cases of a changed
item (search/worker.py)."""

from shaoyang.licensing.upgrades import PROFILE
from shaoyang.licensing.upgrades import reindex_cases


def add_search_tabs_and_item_code(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "actions")
    setup_tool.runImportStepFromProfile(PROFILE, "catalog")
    reindex_cases("item_code", "1002")
