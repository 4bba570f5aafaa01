"""The case repository (案卷库): the one folder all case files are filed in."""

from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh


REPOSITORY_ID = "cases"


def ensure_case_repository(portal):
    if REPOSITORY_ID not in portal.objectIds():
        # Not addable by hand anywhere (global_allow is off): made here, once.
        repository = createContentInContainer(
            portal, "CaseRepository", id=REPOSITORY_ID, title=zh(_("case_repository_title", default="案卷库")),
            checkConstraints=False,
        )
        # Case files are found by number, date and search, never by manual order; an ordered
        # folder would rewrite its list of every id on each filing (100,000 cases and more).
        repository.setOrdering("unordered")
    return portal[REPOSITORY_ID]


class ICaseRepository(model.Schema):
    """Marker schema of the case repository (title and description come from plone.basic)."""
