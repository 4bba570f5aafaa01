"""REST of supervision: the 零超时 figures and the dashboard (twins of the pages in
supervision/views.py), 好差评 follow-up and statistics (R6.3, R6.4), accountability proposals
for late clocks (R4.6)."""

from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service
from shaoyang.licensing.supervision.accountability import decide
from shaoyang.licensing.supervision.accountability import proposals
from shaoyang.licensing.supervision.accountability import propose_all
from shaoyang.licensing.supervision.accountability import require_supervisor
from shaoyang.licensing.supervision.dashboard import dashboard
from shaoyang.licensing.supervision.evaluations import statistics
from shaoyang.licensing.supervision.evaluations import take
from shaoyang.licensing.supervision.views import figure_filters
from shaoyang.licensing.supervision.zero_overdue import zero_overdue
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import datetime


def _filters(request):
    try:
        return figure_filters(request)
    except ValueError as error:
        raise Refusal(400, str(error))


class ZeroOverdueGet(Service):
    def reply(self):
        return zero_overdue(**_filters(self.request))


class DashboardGet(Service):
    def reply(self):
        return dashboard(**_filters(self.request))


class FollowupPost(Service):
    """``POST <evaluation>/@evaluation-followup {"action", "note"}``."""

    def reply(self):
        self.trust_json_client()
        data = self.body()
        try:
            followup = take(self.context, data.get("action"), data.get("note"))
        except PermissionError as error:
            raise Refusal(403, str(error))
        except ValueError as error:
            raise Refusal(400, str(error))
        return {**followup, "steps": list(followup["steps"])}


class StatisticsGet(Service):
    """``GET @evaluation-statistics?group_by=agency|item|staff&agency=&item=&staff=&from=&to=``."""

    def reply(self):
        form = self.request.form
        try:
            start = datetime.date.fromisoformat(form["from"]) if form.get("from") else None
            end = datetime.date.fromisoformat(form["to"]) if form.get("to") else None
        except ValueError:
            raise Refusal(400, zh(_("sup_error_date_format", default="日期格式应为 YYYY-MM-DD")))
        group_by = form.get("group_by", "agency")
        if group_by not in ("agency", "item", "staff"):
            raise Refusal(400, zh(_("sup_error_group_by", default="group_by 应为 agency、item 或 staff")))
        return {"group_by": group_by, "items": statistics(group_by, form.get("agency"), form.get("item"),
                                                           form.get("staff"), start, end)}


class ProposalsGet(Service):
    """``GET @accountability-proposals`` on the site: open proposals of every visible case."""

    def reply(self):
        items = []
        for brain in api.content.find(portal_type="CaseFile"):
            case = brain.getObject()
            items += [{**p, "case": case.absolute_url(), "receipt_number": case.receipt_number}
                      for p in proposals(case) if p["status"] == "proposed"]
        return {"items": items}


class ProposalsPost(Service):
    """``POST @accountability-proposals`` on the site: scan for late clocks and propose."""

    def reply(self):
        self.trust_json_client()
        try:
            require_supervisor(self.context)
        except PermissionError as error:
            raise Refusal(403, str(error))
        return {"items": [{**p, "case": c.absolute_url()} for c, p in propose_all()]}


@implementer(IPublishTraverse)
class DecisionPost(Service):
    """``POST <case>/@accountability-proposals/<id> {"confirm": true|false, "reason"}``."""

    proposal_id = None

    def publishTraverse(self, request, name):
        self.proposal_id = name
        return self

    def reply(self):
        self.trust_json_client()
        data = self.body()
        try:
            return decide(self.context, self.proposal_id, bool(data.get("confirm")), data.get("reason"))
        except PermissionError as error:
            raise Refusal(403, str(error))
        except KeyError:
            raise Refusal(404, zh(_("sup_error_no_such_proposal", default="没有这条问责建议：${id}"), id=self.proposal_id))
        except ValueError as error:
            raise Refusal(400, str(error))
