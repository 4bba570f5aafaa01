"""What happens around case transitions: checks before, records after (rules R3.5, R4).

Before a step: its data preconditions and its parameters (a refused step raises
WorkflowException with the reasons in Chinese). After it: the journal entry (who, on whose
behalf, parameters), what the case must remember (suspensions, rejection), the departments'
access and the secrecy overlay.
"""

from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from shaoyang.licensing import _
from Products.CMFCore.WorkflowCore import WorkflowException
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.responsibility import acting_for
from shaoyang.licensing.case.responsibility import assign
from shaoyang.licensing.case.responsibility import assign_departments
from shaoyang.licensing.case.classification import apply_secrecy
from shaoyang.licensing.chain.parameters import check_parameters
from shaoyang.licensing.chain.parameters import PAUSE_REASONS
from shaoyang.licensing.chain.preconditions import reasons
from shaoyang.licensing.i18n import zh

import datetime


def _user_id():
    user = api.user.get_current()
    return user.getId() if user else ""


def case_added(case, event):
    """A new case (filed as it was created, case/casefile.py): seen by its departments, its
    first contact named, journaled."""
    item = case.item_version_data()["data"]
    assign_departments(case, [item["accepting_agency"], item["deciding_agency"], *item.get("joint_agencies", [])])
    if _user_id():
        assign(case, _user_id(), "first_contact",
               zh(_("case_assignment_reason_first_contact", default="首问责任：首先接待申请人的工作人员")))
    journal.record(case, "filed",
                   zh(_("case_journal_filed", default="立卷登记，受理编号 ${number}"), number=case.receipt_number),
                   {"item_code": case.item_code, "item_version": case.item_version})
    apply_secrecy(case)


def before_transition(case, event):
    if event.transition is None:
        return
    transition = event.transition.id
    problems = reasons(case, transition)
    if problems:
        raise WorkflowException("；".join(problems))
    check_parameters(transition, event.kwargs or {})


def after_transition(case, event):
    if event.transition is None:
        return
    transition = event.transition.id
    params = check_parameters(transition, event.kwargs or {})
    today = datetime.date.today().isoformat()
    if transition == "suspend":
        if not getattr(case, "suspensions", None):
            case.suspensions = PersistentList()
        case.suspensions.append(PersistentMapping({**params, "reason_title": PAUSE_REASONS[params["reason"]], "start": today, "end": None}))
    elif transition == "resume" and getattr(case, "suspensions", None):
        case.suspensions[-1]["end"] = today
    elif transition == "reject_application":
        case.rejection = dict(params)
    elif transition == "withdraw":
        case.withdrawal = dict(params)
    comment = (event.kwargs or {}).get("comment", "")
    journal.record(
        case,
        "transition",
        f"{event.transition.title}：{event.old_state.title} → {event.new_state.title}",
        {"transition": transition, "from": event.old_state.id, "to": event.new_state.id,
         "comment": comment, **params},
        on_behalf_of=acting_for(case, _user_id()),
    )
    apply_secrecy(case)
    case.reindexObject()
