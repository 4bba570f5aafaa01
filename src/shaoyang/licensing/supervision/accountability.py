"""Accountability proposals for late cases (rule R4.6; issue 5): a late clock proposes a
V09 record against the person who carried that step; a supervisor confirms it (the
Accountability record is filed in the case) or dismisses it with a reason. Both are journaled.
"""

from BTrees.OOBTree import OOBTree
from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case import responsibility
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.i18n import zh
from zope.annotation.interfaces import IAnnotations

import datetime


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
        summary = zh(_("sup_journal_proposal", default="问责建议：${clock}超时（${due}），责任人 ${person}"),
                     clock=clock["title"], due=clock["due"], person=person)
        journal.record(case, "document", summary, dict(proposal))
        new.append(dict(proposal))
    return new


def propose_all(today=None):
    """Scan the cases the current user can see; returns ``[(case, proposal), ...]``."""
    found = []
    for brain in api.content.find(portal_type="CaseFile"):
        case = brain.getObject()
        found += [(case, p) for p in propose_for_case(case, today)]
    return found


def require_supervisor(obj):
    if not api.user.has_permission("View", obj=obj):
        raise PermissionError(zh(_("sup_error_no_view_case", default="您无权查阅本案件")))
    roles = set(api.user.get_roles(obj=obj))
    if not roles & {"Supervisor", "Manager", "Site Administrator"}:
        raise PermissionError(zh(_("sup_error_proposals_for_supervisors", default="问责建议由监督员处理")))


def decide(case, proposal_id, confirm, reason):
    """Confirm (files an Accountability record) or dismiss a proposal; ValueError otherwise."""
    require_supervisor(case)
    if len((reason or "").strip()) < 2:
        raise ValueError(zh(_("sup_error_proposal_reason", default="确认或驳回问责建议都须写明理由")))
    for proposal in IAnnotations(case).get(ANNOTATION_KEY, ()):
        if proposal["id"] != proposal_id:
            continue
        if proposal["status"] != "proposed":
            raise ValueError(zh(_("sup_error_proposal_decided", default="该问责建议已处理（${status}）"), status=proposal["status"]))
        user = api.user.get_current().getId()
        proposal.update({"status": "confirmed" if confirm else "dismissed", "reason": reason.strip(),
                         "decided_by": user, "decided": datetime.date.today().isoformat()})
        if confirm:
            if proposal["done"]:
                done = zh(_("sup_accountability_done_on", default="，实际${done}"), done=proposal["done"])
            else:
                done = zh(_("sup_accountability_not_done", default="，至今未完成"))
            seqs = "、".join(str(s) for s in proposal["journal_seqs"]) or zh(_("sup_none", default="无"))
            record = createContentInContainer(
                case, "Accountability", checkConstraints=False,
                title=zh(_("sup_accountability_title", default="${clock}超时"), clock=proposal["clock_title"]),
                violation=proposal["violation"], person=proposal["person"],
                on_behalf_of="、".join(proposal["on_behalf_of"]),
                description=zh(
                    _("sup_accountability_description", default="${clock}应于${due}前完成${done}。${reason}（相关日志：${seqs}）"),
                    clock=proposal["clock_title"], due=proposal["due"], done=done, reason=reason.strip(), seqs=seqs,
                ),
                decided_date=datetime.date.today(),
            )
            proposal["record"] = record.getId()
        if confirm:
            summary = _("sup_journal_proposal_confirmed", default="问责建议确认：${clock}（${reason}）")
        else:
            summary = _("sup_journal_proposal_dismissed", default="问责建议驳回：${clock}（${reason}）")
        journal.record(case, "document", zh(summary, clock=proposal["clock_title"], reason=reason.strip()), dict(proposal))
        return dict(proposal)
    raise KeyError(proposal_id)
