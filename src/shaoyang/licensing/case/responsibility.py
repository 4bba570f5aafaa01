"""Who carries a case: local roles that remember their cause (rules R4.5, glossary roles).

Every grant is an *assignment*: principal, case role, cause (department, first_contact,
handler, checker, approver, deliverer, named_reader, substitution), who assigned it, when and
why, and for a substitution the period and the holder it stands in for. The roles a principal
has on the case are computed from the active assignments by a local role provider, so
revoking one assignment removes exactly what it gave, and a substitution's rights end with its
period without any clean-up job.
"""

from BTrees.OOBTree import OOBTree
from persistent.list import PersistentList
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case.classification import is_secret
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.roles import department_group_id
from zope.annotation.interfaces import IAnnotations

import datetime
import uuid


ANNOTATION_KEY = "shaoyang.licensing.assignments"

# cause → the local roles it gives on the case
CAUSE_ROLES = {
    "department": ("DepartmentMember",),
    "first_contact": ("Receiver",),
    "handler": ("Reviewer",),
    "checker": ("Checker",),
    "approver": ("Approver",),
    "deliverer": ("Deliverer",),
    "named_reader": ("Reader",),
}
# cause → its title, a message: zh() where it becomes text (case/rest.py: the REST list, the journal).
CAUSE_TITLES = {
    "department": _("case_cause_department", default="承办部门"),
    "first_contact": _("case_cause_first_contact", default="首问责任人"),
    "handler": _("case_cause_handler", default="承办人"),
    "checker": _("case_cause_checker", default="审核人"),
    "approver": _("case_cause_approver", default="审批负责人"),
    "deliverer": _("case_cause_deliverer", default="送达员"),
    "named_reader": _("case_cause_named_reader", default="指定知悉人"),
    "substitution": _("case_substitution", default="顶岗补位"),
}


def _now():
    return datetime.datetime.now()


def _store(case):
    annotations = IAnnotations(case)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations[ANNOTATION_KEY]


def assignments(case):
    """All assignments ever made on the case, revoked ones included (they are history)."""
    return [dict(a) for a in IAnnotations(case).get(ANNOTATION_KEY, ())]


def _record(case, **fields):
    entry = OOBTree(
        {
            "id": uuid.uuid4().hex,
            "assigned_by": (api.user.get_current().getId() if api.user.get_current() else ""),
            "assigned_at": _now().isoformat(timespec="seconds"),
            "revoked_at": None,
            "revoked_by": None,
            **fields,
        }
    )
    _store(case).append(entry)
    _changed(case)
    return dict(entry)


def assign(case, principal, cause, reason=""):
    """Give ``principal`` the roles of ``cause`` on ``case``; returns the assignment."""
    if cause not in CAUSE_ROLES:
        raise ValueError(zh(_("case_error_unknown_cause", default="未知的责任类型：${cause}"), cause=cause))
    return _record(case, principal=principal, cause=cause, roles=CAUSE_ROLES[cause], reason=reason)


def substitute(case, holder, substitute_id, start, end, reason):
    """顶岗补位: ``substitute_id`` acts for ``holder`` on ``case`` from ``start`` to ``end``."""
    if end < start:
        raise ValueError(zh(_("case_error_substitution_ends_before_start", default="顶岗补位的结束时间不能早于开始时间")))
    roles = {r for a in active(case) if a["principal"] == holder and a["cause"] != "department" for r in a["roles"]}
    if not roles:
        raise ValueError(zh(_("case_error_nothing_to_substitute", default="${holder} 在本案件中没有可代理的职责"),
                            holder=holder))
    # The holder may read the file through the department; the substitute reads it by name.
    roles = tuple(sorted(roles | {"Reader"}))
    return _record(
        case,
        principal=substitute_id,
        cause="substitution",
        roles=roles,
        reason=reason,
        on_behalf_of=holder,
        valid_from=start.isoformat(timespec="seconds"),
        valid_until=end.isoformat(timespec="seconds"),
    )


def revoke(case, assignment_id):
    """End one assignment; only the roles it gave go (other causes stay)."""
    for entry in _store(case):
        if entry["id"] == assignment_id and entry["revoked_at"] is None:
            entry["revoked_at"] = _now().isoformat(timespec="seconds")
            user = api.user.get_current()
            entry["revoked_by"] = user.getId() if user else ""
            _changed(case)
            return dict(entry)
    raise KeyError(assignment_id)


def _in_period(entry, moment):
    start, end = entry.get("valid_from"), entry.get("valid_until")
    if start and moment < datetime.datetime.fromisoformat(start):
        return False
    if end and moment > datetime.datetime.fromisoformat(end):
        return False
    return True


def active(case, moment=None):
    """Assignments in force at ``moment`` (now by default)."""
    moment = moment or _now()
    return [
        dict(a)
        for a in IAnnotations(case).get(ANNOTATION_KEY, ())
        if a["revoked_at"] is None and _in_period(a, moment)
    ]


def acting_for(case, principal, moment=None):
    """The holders ``principal`` currently substitutes for on ``case``."""
    return sorted(
        a["on_behalf_of"] for a in active(case, moment) if a["cause"] == "substitution" and a["principal"] == principal
    )


def local_roles(case, moment=None):
    """``{principal: set(roles)}`` from the active assignments. A secret case gives nothing to
    its departments as such: only people named on it (R5.1)."""
    result = {}
    secret = is_secret(case)
    for a in active(case, moment):
        if a["cause"] == "department" and secret:
            continue
        roles = result.setdefault(a["principal"], set())
        roles.update(a["roles"])
        if secret:
            roles.add("Reader")  # the only reading role the secrecy overlay leaves (case/classification.py)
    return result


def assign_departments(case, agencies):
    """The departments that handle the case see it (DepartmentMember for their group)."""
    present = {a["principal"] for a in active(case) if a["cause"] == "department"}
    for code in agencies:
        group = department_group_id(code)
        if code and group not in present:
            assign(case, group, "department",
                   zh(_("case_assignment_reason_department", default="受理或决定部门")))
            present.add(group)


def _changed(case):
    # The catalog's allowedRolesAndUsers (and the search index) must follow role changes.
    case._p_changed = True
    case.reindexObjectSecurity()
    case.reindexObject(idxs=["next_security_change"])  # when the daily run must look again


def fullname(userid):
    """The name a person is shown by (their account's full name), else the user id, else ""."""
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") if user else "") or userid or ""
