"""1000 → 1001: the catalog index ``next_security_change`` (case/daily.py), filled for the
cases a site already holds, so the daily run finds their substitution boundaries."""

from plone import api

import logging


logger = logging.getLogger("shaoyang.licensing")
PROFILE = "profile-shaoyang.licensing:default"


def add_next_security_change(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="CaseFile")
    total = len(brains)
    for n, brain in enumerate(brains, 1):
        brain._unrestrictedGetObject().reindexObject(idxs=["next_security_change"])
        if n % 1000 == 0:
            logger.info("upgrade 1001: next_security_change of %d/%d cases", n, total)
    logger.info("upgrade 1001: next_security_change indexed for %d cases", total)
