"""Due dates stored on the case, so the catalog can index them (issue 5: "stored and indexed").

Recomputed after every step and extension, when the holiday table changes
(deadlines/table_admin.py), and once a day for running cases, whose statuses change with the
date alone (case/daily.py). ``decision_due`` and ``overdue`` are catalog indexes.
"""

from DateTime import DateTime
from plone.indexer import indexer
from shaoyang.licensing.case.casefile import ICaseFile


# Cases whose clocks have all stopped: their statuses no longer change with the date.
SETTLED = ("closed", "archived", "rejected", "withdrawn")


def due_dates_of(case, today=None):
    """``{kind: {"due", "status", "provisional"}}`` of the case's clocks on ``today``."""
    from shaoyang.licensing.case.clocks import case_clocks

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


@indexer(ICaseFile)
def decision_due(case):
    due = (getattr(case, "due_dates", None) or {}).get("decision", {}).get("due")
    return DateTime(f"{due} 00:00:00 GMT+8") if due else None


@indexer(ICaseFile)
def overdue(case):
    return is_overdue(case)
