"""The case repository (案卷库): the one folder all case files are filed in."""

from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model


REPOSITORY_ID = "cases"


def ensure_case_repository(portal):
    if REPOSITORY_ID not in portal.objectIds():
        # Not addable by hand anywhere (global_allow is off): made here, once.
        createContentInContainer(
            portal, "CaseRepository", id=REPOSITORY_ID, title="案卷库", checkConstraints=False
        )
    return portal[REPOSITORY_ID]


class ICaseRepository(model.Schema):
    """Marker schema of the case repository (title and description come from plone.basic)."""
