"""REST services of a case: who carries it, its journal and clocks, and the applicants' lookup.

``GET/POST @assignments`` (list; assign ``{"principal", "cause", "reason"}``),
``DELETE @assignments/<id>`` (revoke), ``POST @substitutions``
(``{"holder", "substitute", "start", "end", "reason"}``), ``GET @journal`` (entries and the
chain check), ``GET @clocks``; every change is journaled. On the site root,
``POST @case-progress {"receipt_number", "code"}`` for applicants without login.

The chain's rights (assign, journal) are held through global roles; they count only on a case
the user may read (``require_read``) — never on another department's or a secret one.
"""

from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case import progress
from shaoyang.licensing.case import responsibility
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.case.due_dates import state_title
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import datetime


class AssignmentsGet(Service):
    def reply(self):
        self.require_read()
        return {
            "items": responsibility.assignments(self.context),
            "active": responsibility.active(self.context),
            "causes": {cause: zh(title) for cause, title in responsibility.CAUSE_TITLES.items()},
        }


class AssignmentsPost(Service):
    def reply(self):
        self.require_read()
        self.trust_json_client()
        data = self.body()
        principal, cause = data.get("principal"), data.get("cause")
        if not principal or (api.user.get(userid=principal) is None and api.group.get(groupname=principal) is None):
            raise Refusal(400, zh(_("case_refusal_no_such_principal", default="用户或用户组不存在：${principal}"),
                                  principal=principal))
        if cause not in responsibility.CAUSE_ROLES:
            raise Refusal(400, zh(_("case_refusal_cause_choices", default="责任类型应为：${causes}"),
                                  causes="、".join(responsibility.CAUSE_ROLES)))
        entry = responsibility.assign(self.context, principal, cause, data.get("reason", ""))
        summary = zh(_("case_journal_assignment", default="指定${cause}：${principal}"),
                     cause=zh(responsibility.CAUSE_TITLES[cause]), principal=principal)
        journal.record(self.context, "assignment", summary, entry)
        self.request.response.setStatus(201)
        return entry


@implementer(IPublishTraverse)
class AssignmentsDelete(Service):
    assignment_id = None

    def publishTraverse(self, request, name):
        self.assignment_id = name
        return self

    def reply(self):
        self.trust_json_client()
        self.require_read()
        try:
            entry = responsibility.revoke(self.context, self.assignment_id)
        except KeyError:
            raise Refusal(404, zh(_("case_refusal_no_such_assignment", default="没有生效的指定记录：${assignment}"),
                                  assignment=self.assignment_id))
        summary = zh(_("case_journal_revocation", default="撤销指定：${principal}（${cause}）"),
                     principal=entry["principal"], cause=entry["cause"])
        journal.record(self.context, "revocation", summary, entry)
        return entry


def _moment(value, name):
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(zh(_("case_error_not_a_moment", default="“${name}”应为日期时间，如 2026-12-01T08:00:00"),
                            name=name))


class SubstitutionsPost(Service):
    """A holder (or whoever may assign) names a substitute for a period (顶岗补位, R4.5)."""

    def reply(self):
        self.trust_json_client()
        self.require_read()
        data = self.body()
        holder = data.get("holder")
        user = api.user.get_current()
        may_assign = api.user.has_permission("shaoyang.licensing: Assign responsibility", obj=self.context)
        if user is None or (user.getId() != holder and not may_assign):
            raise Refusal(403, zh(_("case_refusal_substitution_not_allowed", default="只有岗位持有人本人或有指定权限的负责人可以安排顶岗")))
        try:
            start = _moment(data.get("start"), zh(_("case_label_start", default="开始时间")))
            end = _moment(data.get("end"), zh(_("case_label_end", default="结束时间")))
            if api.user.get(userid=data.get("substitute")) is None:
                raise ValueError(zh(_("case_error_no_such_substitute", default="顶岗人员不存在：${substitute}"),
                                    substitute=data.get("substitute")))
            if not data.get("reason"):
                raise ValueError(zh(_("case_error_substitution_no_reason", default="须说明顶岗原因（如请假、出差）")))
            entry = responsibility.substitute(self.context, holder, data["substitute"], start, end, data["reason"])
        except ValueError as error:
            raise Refusal(400, str(error))
        journal.record(
            self.context, "substitution",
            zh(_("case_journal_substitution", default="顶岗补位：${substitute} 代 ${holder}（${start} 至 ${end}）"),
               substitute=entry["principal"], holder=holder, start=entry["valid_from"], end=entry["valid_until"]),
            entry,
        )
        self.request.response.setStatus(201)
        return entry


class JournalGet(Service):
    def reply(self):
        self.require_read()
        return {"items": journal.entries(self.context), "verification": journal.verify(self.context)}


class ClocksGet(Service):
    def reply(self):
        self.require_read()
        return {"state": state_title(self.context), "clocks": case_clocks(self.context)}


class CaseProgressPost(Service):
    """Refusals carry their Chinese reason: 400 for a malformed request, 404 for a wrong number
    or code (the same answer for both), 429 while a number is locked after wrong tries, 403 for
    a case that is a state secret. POST, so that the code stays out of addresses and logs."""

    def reply(self):
        try:
            data = self.body()
        except Refusal:
            data = {}  # the lookup itself says what is missing
        try:
            return progress.lookup(data.get("receipt_number"), data.get("code"))
        except progress.ProgressRefused as refused:
            raise Refusal(refused.status, str(refused))
