"""The clocks of one case and its stored due dates (rules R3): which deadline, when due, late or not.

Dates come from the case itself: the received date, the journal's steps (accept, correction
notice, decide, deliver) and the stored suspensions (pauses, R3.5). The arithmetic is the
deadlines package's (pure functions); this module only finds the facts.

The due dates are stored on the case so that the catalog can index them (``decision_due``,
``overdue``). They are recomputed after every step and extension, when the holiday table
changes (``HolidayTableChanged``), and once a day for running cases, whose statuses change with
the date alone (case/daily.py).
"""

from DateTime import DateTime
from plone import api
from plone.indexer import indexer
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.deadlines import clocks
from shaoyang.licensing.deadlines import settings
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.deadlines.pauses import Pause
from shaoyang.licensing.workflow.states import case_states
from zope.i18n import translate

import datetime
import logging


logger = logging.getLogger("shaoyang.licensing")


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


def due_dates_of(case, today=None):
    """``{kind: {"due", "status", "provisional"}}`` of the case's clocks on ``today``."""
    return {c["kind"]: {"due": c["due"], "status": c["status"], "provisional": c["provisional"]}
            for c in case_clocks(case, today)}


def store_due_dates(case, today=None):
    """Store the due dates; True when they changed (only then is the case written)."""
    due_dates = due_dates_of(case, today)
    if getattr(case, "due_dates", None) == due_dates:
        return False
    case.due_dates = due_dates
    return True


def is_overdue(case):
    """Whether a clock of the case is late, as last stored (what the catalog indexes; the
    daily run keeps it current as days pass, case/daily.py)."""
    stored = getattr(case, "due_dates", None)
    if stored is None:
        stored = due_dates_of(case)
    return any(c.get("status") == "overdue" for c in stored.values())


def stored_after_step(case, event):
    store_due_dates(case)
    case.reindexObject(idxs=["decision_due", "overdue"])


def stored_after_extension(event):
    stored_after_step(event.object, event)


def recompute_open_cases(event=None):
    """Store fresh due dates on every case whose clocks still run, and reindex it; returns how
    many (also added to ``event.recomputed`` when a new holiday table is announced)."""
    count = 0
    settled = case_states("settled")
    for brain in api.content.find(portal_type="CaseFile"):
        if brain.review_state in settled:
            continue
        case = brain.getObject()
        store_due_dates(case)
        case.reindexObject()
        count += 1
    logger.info("Holiday table changed: due dates of %d open cases recomputed", count)
    if event is not None:
        event.recomputed += count
    return count


@indexer(ICaseFile)
def decision_due(case):
    due = (getattr(case, "due_dates", None) or {}).get("decision", {}).get("due")
    return DateTime(f"{due} 00:00:00 GMT+8") if due else None


@indexer(ICaseFile)
def overdue(case):
    return is_overdue(case)
