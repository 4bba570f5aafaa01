"""1001 → 1002: navigation tabs for staff search (案卷检索) and the public decisions page
(决定公示), until then reachable only by their address; and the catalog index ``item_code``,
filled for the cases a site holds, with which the search worker finds the cases of a changed
item (search/worker.py)."""

from plone import api

import logging


logger = logging.getLogger("shaoyang.licensing")
PROFILE = "profile-shaoyang.licensing:default"


def add_search_tabs_and_item_code(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "actions")
    setup_tool.runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="CaseFile")
    total = len(brains)
    for n, brain in enumerate(brains, 1):
        brain._unrestrictedGetObject().reindexObject(idxs=["item_code"])
        if n % 1000 == 0:
            logger.info("upgrade 1002: item_code of %d/%d cases", n, total)
    logger.info("upgrade 1002: item_code indexed for %d cases", total)
