"""Accountability proposals for late cases (rule R4.6; issue 5): a late clock proposes a
V09 record against the person who carried that step; a supervisor confirms it (the
Accountability record is filed in the case) or dismisses it with a reason. Both are journaled.
"""

from BTrees.OOBTree import OOBTree
from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from shaoyang.licensing.case import journal
from shaoyang.licensing.case import responsibility
from shaoyang.licensing.case.clocks import case_clocks
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import datetime
import plone.protect.interfaces


ANNOTATION_KEY = "shaoyang.licensing.accountability_proposals"
LATE = ("overdue", "done_late")
# which duty answers for which clock, first match wins
CARRIERS = {
    "acceptance": ("first_contact",),
    "decision": ("approver", "handler", "first_contact"),
    "delivery": ("deliverer", "first_contact"),
}


def proposals(case):
    return [dict(p) for p in IAnnotations(case).get(ANNOTATION_KEY, ())]


def _carrier(case, kind):
    active = responsibility.active(case)
    for cause in CARRIERS.get(kind, ()):
        for assignment in active:
            if assignment["cause"] == cause:
                return assignment["principal"], list(assignment.get("on_behalf_of", []) or [])
    # a step taken by someone acting for a holder answers for the holder too (R4.5)
    steps = [e for e in journal.entries(case) if e["action"] == "transition"]
    if steps:
        return steps[-1]["actor"], steps[-1]["on_behalf_of"]
    return "", []


def propose_for_case(case, today=None):
    """New proposals for the case's late clocks (one per clock); returns them."""
    store = IAnnotations(case)
    existing = {p["clock"] for p in store.get(ANNOTATION_KEY, ())}
    new = []
    for clock in case_clocks(case, today):
        if clock["status"] not in LATE or clock["kind"] in existing or clock["kind"] not in CARRIERS:
            continue
        person, on_behalf_of = _carrier(case, clock["kind"])
        if ANNOTATION_KEY not in store:
            store[ANNOTATION_KEY] = PersistentList()
        proposal = OOBTree({
            "id": f"{clock['kind']}-{len(store[ANNOTATION_KEY]) + 1}",
            "clock": clock["kind"], "clock_title": clock["title"], "due": clock["due"], "done": clock["done"],
            "violation": "V09", "person": person, "on_behalf_of": on_behalf_of, "status": "proposed",
            "created": datetime.datetime.now().isoformat(timespec="seconds"),
            "journal_seqs": [e["seq"] for e in journal.entries(case) if e["actor"] == person],
        })
        store[ANNOTATION_KEY].append(proposal)
        journal.record(case, "document", f"问责建议：{clock['title']}超时（{clock['due']}），责任人 {person}", dict(proposal))
        new.append(dict(proposal))
    return new


def propose_all(today=None):
    """Scan the cases the current user can see; returns ``[(case, proposal), ...]``."""
    found = []
    for brain in api.content.find(portal_type="CaseFile"):
        case = brain.getObject()
        found += [(case, p) for p in propose_for_case(case, today)]
    return found


def _supervisor(obj):
    if not api.user.has_permission("View", obj=obj):
        raise PermissionError("您无权查阅本案件")
    roles = set(api.user.get_roles(obj=obj))
    if not roles & {"Supervisor", "Manager", "Site Administrator"}:
        raise PermissionError("问责建议由监督员处理")


def decide(case, proposal_id, confirm, reason):
    """Confirm (files an Accountability record) or dismiss a proposal; ValueError otherwise."""
    _supervisor(case)
    if len((reason or "").strip()) < 2:
        raise ValueError("确认或驳回问责建议都须写明理由")
    for proposal in IAnnotations(case).get(ANNOTATION_KEY, ()):
        if proposal["id"] != proposal_id:
            continue
        if proposal["status"] != "proposed":
            raise ValueError(f"该问责建议已处理（{proposal['status']}）")
        user = api.user.get_current().getId()
        proposal.update({"status": "confirmed" if confirm else "dismissed", "reason": reason.strip(),
                         "decided_by": user, "decided": datetime.date.today().isoformat()})
        if confirm:
            record = createContentInContainer(
                case, "Accountability", checkConstraints=False,
                title=f"{proposal['clock_title']}超时", violation=proposal["violation"], person=proposal["person"],
                on_behalf_of="、".join(proposal["on_behalf_of"]),
                description=f"{proposal['clock_title']}应于{proposal['due']}前完成"
                            f"{'，实际' + proposal['done'] if proposal['done'] else '，至今未完成'}。{reason.strip()}"
                            f"（相关日志：{'、'.join(str(s) for s in proposal['journal_seqs']) or '无'}）",
                decided_date=datetime.date.today(),
            )
            proposal["record"] = record.getId()
        journal.record(case, "document", f"问责建议{'确认' if confirm else '驳回'}：{proposal['clock_title']}（{reason.strip()}）",
                       dict(proposal))
        return dict(proposal)
    raise KeyError(proposal_id)


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
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            _supervisor(self.context)
        except PermissionError as error:
            self.request.response.setStatus(403)
            return {"error": {"type": "Forbidden", "message": str(error)}}
        return {"items": [{**p, "case": c.absolute_url()} for c, p in propose_all()]}


@implementer(IPublishTraverse)
class DecisionPost(Service):
    """``POST <case>/@accountability-proposals/<id> {"confirm": true|false, "reason"}``."""

    proposal_id = None

    def publishTraverse(self, request, name):
        self.proposal_id = name
        return self

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_body(self.request)
        try:
            return decide(self.context, self.proposal_id, bool(data.get("confirm")), data.get("reason"))
        except PermissionError as error:
            self.request.response.setStatus(403)
            return {"error": {"type": "Forbidden", "message": str(error)}}
        except KeyError:
            self.request.response.setStatus(404)
            return {"error": {"type": "NotFound", "message": f"没有这条问责建议：{self.proposal_id}"}}
        except ValueError as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": str(error)}}
