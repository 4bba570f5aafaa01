"""The roles of the responsibility chain (glossary), with the Chinese names the UI shows."""

from shaoyang.licensing import _


ROLE_TITLES = {
    "Receiver": _("role_receiver", default="窗口受理员"),
    "Reviewer": _("role_reviewer", default="承办人/审查员"),
    "Checker": _("role_checker", default="审核人"),
    "Approver": _("role_approver", default="审批负责人"),
    "Deliverer": _("role_deliverer", default="送达员"),
    "DisclosureOfficer": _("role_disclosure_officer", default="信息公开员"),
    "Archivist": _("role_archivist", default="档案员"),
    "Supervisor": _("role_supervisor", default="监督员"),
}


def role_group_id(role):
    """Id of the group whose members hold ``role`` (e.g. ``Receivers``)."""
    return f"{role}s"


def department_group_id(code):
    """Id of the group of a department's staff (e.g. ``department-scjg``)."""
    return f"department-{code}"


# The chain's roles, in glossary order (city profile, workflow specs).
CHAIN_ROLES = tuple(ROLE_TITLES)
