"""Upgrade steps, one module per profile version (``v1001`` for 1000 → 1001, and so on)."""

from plone import api

import logging


logger = logging.getLogger("shaoyang.licensing")
PROFILE = "profile-shaoyang.licensing:default"


def reindex_cases(index, version):
    """Fill a new catalog index for every case file the site holds (progress in the log)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="CaseFile")
    total = len(brains)
    for n, brain in enumerate(brains, 1):
        brain._unrestrictedGetObject().reindexObject(idxs=[index])
        if n % 1000 == 0:
            logger.info("upgrade %s: %s of %d/%d cases", version, index, n, total)
    logger.info("upgrade %s: %s indexed for %d cases", version, index, total)
