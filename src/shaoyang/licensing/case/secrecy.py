"""State secrets are seen only by the people named on the case (rule R5.1).

The case workflow grants reading to departments, supervisors, archivists and disclosure
officers. For a case classified 秘密/机密/绝密 this overlay takes those grants away again after
every transition and classification change, leaving administrators and named people
(local roles from their assignments). Records inside acquire the case's settings.
"""

from shaoyang.licensing.case.responsibility import SECRET_LEVELS


READ_PERMISSIONS = ("View", "Access contents information")
# Chain roles are also held globally (role groups), so they cannot stand for "named here":
# people named on a secret case get the local Reader role from their assignments instead.
ROLES_OF_NAMED_PEOPLE = ("Manager", "Site Administrator", "Reader")


def apply_secrecy(case):
    if getattr(case, "classification", None) not in SECRET_LEVELS:
        return
    for permission in READ_PERMISSIONS:
        case.manage_permission(permission, roles=list(ROLES_OF_NAMED_PEOPLE), acquire=False)
    case.reindexObjectSecurity()
