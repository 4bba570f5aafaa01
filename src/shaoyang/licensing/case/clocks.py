"""The clocks of one case, read from its record: which deadline, when due, late or not (R3).

Dates come from the case itself: the received date, the journal's steps (accept, correction
notice, decide, deliver) and the stored suspensions (pauses, R3.5). The arithmetic is the
deadline package's; this module only finds the facts.
"""

from plone import api
from shaoyang.licensing.case import journal
from shaoyang.licensing.deadlines import clocks
from shaoyang.licensing.deadlines import settings
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.deadlines.pauses import Pause
from zope.i18n import translate

import datetime


def _step_dates(case):
    dates = {}
    for entry in journal.entries(case):
        if entry["action"] == "transition":
            day = datetime.date.fromisoformat(entry["time"][:10])
            dates.setdefault(entry["details"]["transition"], day)
    return dates


def _pauses(case):
    return tuple(
        Pause(s["reason"], datetime.date.fromisoformat(s["start"]),
              datetime.date.fromisoformat(s["end"]) if s.get("end") else None)
        for s in getattr(case, "suspensions", None) or ()
    )


def _describe(clock, done, today, calendar):
    status = clocks.clock_status(clock, today, done=done, due_soon_days=settings.due_soon_days(), calendar=calendar)
    note = clocks.provisional_note(clock)
    return {
        "kind": clock.kind,
        "title": translate(clock.title, target_language="zh_CN"),
        "start": clock.start.isoformat(),
        "days": clock.days,
        "due": clock.due.isoformat(),
        "done": done.isoformat() if done else None,
        "status": status,
        "status_title": translate(clocks.STATUS_TITLES[status], target_language="zh_CN"),
        "provisional": clock.provisional,
        "note": translate(note, target_language="zh_CN") if note else None,
    }


def case_clocks(case, today=None):
    """``[{"kind", "title", "start", "due", "status", "status_title", ...}]`` of the case."""
    today = today or datetime.date.today()
    calendar = WorkingCalendar.from_registry()
    steps = _step_dates(case)
    received = case.received_date
    result = []
    acceptance = clocks.acceptance_clock(received, calendar)
    first_answer = min(filter(None, [steps.get("accept"), steps.get("request_correction"), steps.get("reject_application")]), default=None)
    result.append(_describe(acceptance, first_answer, today, calendar))
    if steps.get("reject_application") or steps.get("withdraw"):
        return result
    start = clocks.decision_start(received, steps.get("accept"), steps.get("request_correction"), calendar)
    if start is None:
        return result
    item = case.item_version_data()["data"]
    decision = clocks.decision_clock(start, item["promised_days"], item["statutory_days"], item["flow"],
                                     _pauses(case), calendar)
    extension = getattr(case, "extension", None)
    if extension:
        decision = clocks.extend(decision, extension["days"], extension["approved_by"], extension["reason"], calendar)
    result.append(_describe(decision, steps.get("decide"), today, calendar))
    if steps.get("decide"):
        decided = steps["decide"]
        result.append(_describe(clocks.delivery_clock(decided, calendar), steps.get("deliver"), today, calendar))
    return result


def state_title(case):
    workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(case)[0]
    return workflow.states[api.content.get_state(case)].title
