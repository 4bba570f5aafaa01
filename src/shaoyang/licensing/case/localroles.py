"""borg.localrole provider: the roles a principal holds on a case come from its assignments."""

from borg.localrole.interfaces import ILocalRoleProvider
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.case.responsibility import local_roles
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(ICaseFile)
class AssignmentRoles:
    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        return tuple(local_roles(self.context).get(principal_id, ()))

    def getAllRoles(self):
        for principal, roles in local_roles(self.context).items():
            yield principal, tuple(roles)
