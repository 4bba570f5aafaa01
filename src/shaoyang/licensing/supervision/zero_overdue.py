"""The 零超时 figures: how many cases met their clocks, per accepting agency, and which are late.

Counted from each case's clocks (case/due_dates.py), over the cases the current user may see
(the catalog filters them), optionally limited to an agency, an item and a received-date period.
"""

from plone import api
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.departments import department_name

import collections
import datetime


def cases(agency=None, item=None, start=None, end=None):
    """The case files the current user may see, limited to an agency, an item and a period of
    received dates (both ends included)."""
    query = {"portal_type": "CaseFile"}
    for brain in api.content.find(**query):
        case = brain.getObject()
        if agency and case.accepting_agency != agency:
            continue
        if item and case.item_code != item:
            continue
        if start and case.received_date < start:
            continue
        if end and case.received_date > end:
            continue
        yield case


_cases = cases  # the name used before the dashboard shared it


class Tally:
    """Adds up the 零超时 figures case by case (the dashboard feeds it the clocks it already has)."""

    def __init__(self):
        self.per_agency = collections.defaultdict(lambda: {"finished": 0, "on_time": 0, "late": 0, "open_overdue": 0})
        self.overdue, self.due_soon = [], []

    def add(self, case, clocks):
        row = self.per_agency[case.accepting_agency]
        statuses = {c["status"] for c in clocks}
        decision = next((c for c in clocks if c["kind"] == "decision"), None)
        if decision is not None and decision["done"]:
            # decided: on time when acceptance and decision both met their limits
            row["finished"] += 1
            if any(c["status"] == "done_late" for c in clocks if c["kind"] in ("acceptance", "decision")):
                row["late"] += 1
            else:
                row["on_time"] += 1
        entry = {
            "receipt_number": case.receipt_number,
            "title": case.title,
            "url": case.absolute_url(),
            "agency": department_name(case.accepting_agency),
            "state": api.content.get_state(case),
            "clocks": [c for c in clocks if c["status"] in ("overdue", "due_soon")],
        }
        if "overdue" in statuses:
            row["open_overdue"] += 1
            self.overdue.append(entry)
        elif "due_soon" in statuses:
            self.due_soon.append(entry)

    def result(self):
        agencies = []
        for code, row in sorted(self.per_agency.items()):
            rate = round(100.0 * row["on_time"] / row["finished"], 1) if row["finished"] else None
            agencies.append({"agency": code, "agency_name": department_name(code), **row, "on_time_rate": rate})
        finished = sum(a["finished"] for a in agencies)
        on_time = sum(a["on_time"] for a in agencies)
        return {
            "agencies": agencies,
            "overdue": self.overdue,
            "due_soon": self.due_soon,
            "totals": {
                "finished": finished,
                "on_time": on_time,
                "on_time_rate": round(100.0 * on_time / finished, 1) if finished else None,
                "open_overdue": len(self.overdue),
                "due_soon": len(self.due_soon),
            },
        }


def zero_overdue(agency=None, item=None, start=None, end=None, today=None):
    """``{"agencies": [...], "overdue": [...], "due_soon": [...], "totals": {...}}``.

    A case is finished when decided; it was on time when its acceptance and decision clocks were
    both met (零超时). Any clock running past its due day (delivery included) puts the case on
    the overdue list. Rates are percentages with one decimal.
    """
    today = today or datetime.date.today()
    tally = Tally()
    for case in cases(agency, item, start, end):
        tally.add(case, case_clocks(case, today))
    return tally.result()
