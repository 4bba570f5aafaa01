"""Due dates stored on the case, so the catalog can index them (issue 5: "stored and indexed").

Recomputed after every step and extension, and when the holiday table changes
(deadlines/table_admin.py). ``decision_due`` and ``overdue`` are catalog indexes.
"""

from DateTime import DateTime
from plone.indexer import indexer
from shaoyang.licensing.case.casefile import ICaseFile


def store_due_dates(case):
    from shaoyang.licensing.case.clocks import case_clocks

    clocks = case_clocks(case)
    case.due_dates = {c["kind"]: {"due": c["due"], "status": c["status"], "provisional": c["provisional"]}
                      for c in clocks}
    return case.due_dates


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
    return any(c.get("status") == "overdue" for c in (getattr(case, "due_dates", None) or {}).values())
