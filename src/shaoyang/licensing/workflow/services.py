"""REST services of the responsibility chain on a case: assignments, substitutions, journal.

``GET/POST @assignments`` (list; assign ``{"principal", "cause", "reason"}``),
``DELETE @assignments/<id>`` (revoke), ``POST @substitutions``
(``{"holder", "substitute", "start", "end", "reason"}``), ``GET @journal`` (entries and the
chain check). Every change is journaled.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from shaoyang.licensing.case import journal
from shaoyang.licensing.case import responsibility
from zope.interface import alsoProvides
from zope.publisher.interfaces import IPublishTraverse
from zope.interface import implementer

import datetime
import plone.protect.interfaces


def _no_csrf(request):
    # JSON API calls carry their own auth; plone.restapi services do the same.
    alsoProvides(request, plone.protect.interfaces.IDisableCSRFProtection)


def may_read(case):
    """The chain's rights (assign, journal) are held through global roles; they only count on
    a case the user may read — never on another department's or a secret one."""
    return api.user.has_permission("View", obj=case)


def _error(request, status, message):
    request.response.setStatus(status)
    return {"error": {"type": "BadRequest", "message": message}}


class AssignmentsGet(Service):
    def reply(self):
        if not may_read(self.context):
            return _error(self.request, 403, "您无权查阅本案件")
        return {
            "items": responsibility.assignments(self.context),
            "active": responsibility.active(self.context),
            "causes": responsibility.CAUSE_TITLES,
        }


class AssignmentsPost(Service):
    def reply(self):
        if not may_read(self.context):
            return _error(self.request, 403, "您无权查阅本案件")
        _no_csrf(self.request)
        data = json_body(self.request)
        principal, cause = data.get("principal"), data.get("cause")
        if not principal or (api.user.get(userid=principal) is None and api.group.get(groupname=principal) is None):
            return _error(self.request, 400, f"用户或用户组不存在：{principal}")
        if cause not in responsibility.CAUSE_ROLES:
            return _error(self.request, 400, "责任类型应为：" + "、".join(responsibility.CAUSE_ROLES))
        entry = responsibility.assign(self.context, principal, cause, data.get("reason", ""))
        journal.record(self.context, "assignment", f"指定{responsibility.CAUSE_TITLES[cause]}：{principal}", entry)
        self.request.response.setStatus(201)
        return entry


@implementer(IPublishTraverse)
class AssignmentsDelete(Service):
    assignment_id = None

    def publishTraverse(self, request, name):
        self.assignment_id = name
        return self

    def reply(self):
        _no_csrf(self.request)
        if not may_read(self.context):
            return _error(self.request, 403, "您无权查阅本案件")
        try:
            entry = responsibility.revoke(self.context, self.assignment_id)
        except KeyError:
            return _error(self.request, 404, f"没有生效的指定记录：{self.assignment_id}")
        journal.record(self.context, "revocation", f"撤销指定：{entry['principal']}（{entry['cause']}）", entry)
        return entry


def _moment(value, name):
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"“{name}”应为日期时间，如 2026-12-01T08:00:00")


class SubstitutionsPost(Service):
    """A holder (or whoever may assign) names a substitute for a period (顶岗补位, R4.5)."""

    def reply(self):
        _no_csrf(self.request)
        if not may_read(self.context):
            return _error(self.request, 403, "您无权查阅本案件")
        data = json_body(self.request)
        holder = data.get("holder")
        user = api.user.get_current()
        may_assign = api.user.has_permission("shaoyang.licensing: Assign responsibility", obj=self.context)
        if user is None or (user.getId() != holder and not may_assign):
            return _error(self.request, 403, "只有岗位持有人本人或有指定权限的负责人可以安排顶岗")
        try:
            start, end = _moment(data.get("start"), "开始时间"), _moment(data.get("end"), "结束时间")
            if api.user.get(userid=data.get("substitute")) is None:
                raise ValueError(f"顶岗人员不存在：{data.get('substitute')}")
            if not data.get("reason"):
                raise ValueError("须说明顶岗原因（如请假、出差）")
            entry = responsibility.substitute(self.context, holder, data["substitute"], start, end, data["reason"])
        except ValueError as error:
            return _error(self.request, 400, str(error))
        journal.record(
            self.context, "substitution",
            f"顶岗补位：{entry['principal']} 代 {holder}（{entry['valid_from']} 至 {entry['valid_until']}）", entry,
        )
        self.request.response.setStatus(201)
        return entry


class JournalGet(Service):
    def reply(self):
        if not may_read(self.context):
            return _error(self.request, 403, "您无权查阅本案件")
        return {"items": journal.entries(self.context), "verification": journal.verify(self.context)}
