"""1002 → 1003: the supervision types (Inspection, Rectification, Accountability, Evaluation)
and the inspections folder's schema moved from ``case/supervision.py`` and
``case/repository.py`` to ``supervision/content.py``, their domain.

Data stay as they are; what names the old place is brought up to date: the type definitions
(klass, schema), the objects' own pickles (written again, so they name the new class) and the
catalog's ``object_provides``.
"""

from plone import api
from shaoyang.licensing.supervision import content
from shaoyang.licensing.upgrades import PROFILE

import logging
import shaoyang.licensing.case as case_package
import sys


logger = logging.getLogger("shaoyang.licensing")

OLD_MODULE = "shaoyang.licensing.case.supervision"
MOVED_TYPES = ("Inspection", "Rectification", "Accountability", "Evaluation", "SupervisionRepository")

# Pickles of a site made before 1003 name the old module, and so do the references to them
# that their containers hold, and its type definitions until the step runs; this alias lets all
# of them load (pickles look the module up in sys.modules, dotted names walk the package's
# attributes), as Plone keeps aliases for the classes it moved. It must stay while such a
# database may be opened.
sys.modules.setdefault(OLD_MODULE, content)
case_package.supervision = content


def move_supervision_types(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=list(MOVED_TYPES))
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        obj._p_changed = True  # pickled again: the class is now named by its new module
        obj.reindexObject(idxs=["object_provides"])
    logger.info("upgrade 1003: %d supervision documents moved to supervision/content.py", len(brains))
