"""The figures of the supervisors' dashboard (监督看板), one dictionary for the page, REST and export.

Everything is counted over the same cases: the case files the current user may see (the catalog
filters them), limited to an agency, an item and a period of received dates, as the 零超时
figures are (zero_overdue.py). Evaluations (好差评) and rectifications (整改) count when they
belong to one of those cases. Each case's clocks are computed once and feed every figure:

- ``zero_overdue``: on-time rate per accepting agency, overdue and due-soon lists (R3);
- ``processing``: working days from the start of the decision clock (acceptance, R3.2) to the
  decision, per item, with the quartiles a box chart needs and a histogram (pauses are not
  deducted: this is the time the applicant waited);
- ``evaluations``: counts per level and channel, rating, satisfaction and 差评 rates (R6.4);
- ``rectifications``: the open ones (no completion date) by deadline, and the on-time fix rate.
"""

from plone import api
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.supervision.content import BAD_LEVELS
from shaoyang.licensing.supervision.content import EVALUATION_CHANNELS
from shaoyang.licensing.supervision.content import LEVELS
from shaoyang.licensing.catalogue.lookup import catalogue_folder
from shaoyang.licensing.deadlines import settings
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.departments import all_departments
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.supervision.zero_overdue import cases
from shaoyang.licensing.supervision.zero_overdue import Tally

import collections
import datetime
import statistics


# Histogram of processing times (working days): (label, lowest, highest or None).
BUCKETS = (
    ("0–2", 0, 2),
    ("3–5", 3, 5),
    ("6–10", 6, 10),
    ("11–15", 11, 15),
    ("16–20", 16, 20),
    ("21–30", 21, 30),
    ("30+", 31, None),
)
SATISFIED_LEVELS = ("very_satisfied", "satisfied", "basic")


def _rate(part, whole):
    """A percentage with one decimal; None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def _bucket(days):
    for n, (_label, low, high) in enumerate(BUCKETS):
        if days >= low and (high is None or days <= high):
            return n
    return 0  # a decision on the day of acceptance counts 0 days (negative cannot happen)


def _spread(values):
    """min, quartiles, median, mean, max of working days (one decimal)."""
    ordered = sorted(values)
    if len(ordered) >= 2:
        q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = median = q3 = ordered[0]
    return {
        "count": len(ordered),
        "min": ordered[0],
        "q1": round(q1, 1),
        "median": round(median, 1),
        "q3": round(q3, 1),
        "max": ordered[-1],
        "mean": round(statistics.fmean(ordered), 1),
    }


def filter_options():
    """What the filter form offers: every department and every catalogue item."""
    folder = catalogue_folder()
    items = sorted(
        ({"code": i.item_code, "title": i.title} for i in (folder.objectValues() if folder is not None else ())),
        key=lambda i: i["code"],
    )
    agencies = [{"code": code, "name": data.get("name", code)} for code, data in all_departments().items()]
    return {"agencies": agencies, "items": items}


class _Processing:
    def __init__(self, calendar):
        self.calendar = calendar
        self.per_item = collections.defaultdict(list)
        self.limits = {}

    def add(self, case, clocks):
        decision = next((c for c in clocks if c["kind"] == "decision"), None)
        if decision is None or not decision["done"]:
            return
        start = datetime.date.fromisoformat(decision["start"])
        done = datetime.date.fromisoformat(decision["done"])
        self.per_item[case.item_code].append(max(0, self.calendar.working_days_between(start, done)))
        self.limits[case.item_code] = decision["days"]

    def result(self, titles):
        items, histogram = [], [0] * len(BUCKETS)
        for code in sorted(self.per_item):
            values = self.per_item[code]
            for value in values:
                histogram[_bucket(value)] += 1
            limit = self.limits[code]
            items.append({
                "item_code": code,
                "item_title": titles.get(code, code),
                "limit_days": limit,
                "over_limit": sum(1 for v in values if v > limit),
                "values": sorted(values),
                **_spread(values),
            })
        return {
            "items": items,
            "histogram": [{"label": label, "count": count} for (label, _l, _h), count in zip(BUCKETS, histogram)],
            "count": sum(histogram),
        }


def _evaluations(selected, case_count):
    levels = collections.Counter()
    channels = collections.Counter()
    per_agency = collections.defaultdict(collections.Counter)
    rated_cases = set()
    bad_real_name = 0
    for brain in api.content.find(portal_type="Evaluation"):
        evaluation = brain.getObject()
        case = find_case(evaluation)
        if case is None or case.UID() not in selected:
            continue
        rated_cases.add(case.UID())
        levels[evaluation.level] += 1
        channels[evaluation.channel] += 1
        row = per_agency[case.accepting_agency]
        row["total"] += 1
        row["bad"] += evaluation.level in BAD_LEVELS
        row["satisfied"] += evaluation.level in SATISFIED_LEVELS
        bad_real_name += evaluation.level in BAD_LEVELS and bool(evaluation.real_name)
    total = sum(levels.values())
    bad = sum(levels[level] for level in BAD_LEVELS)
    satisfied = sum(levels[level] for level in SATISFIED_LEVELS)
    return {
        "total": total,
        "levels": [{"level": t.value, "title": term_title(LEVELS, t.value), "count": levels[t.value], "bad": t.value in BAD_LEVELS} for t in LEVELS],
        "channels": [{"channel": t.value, "title": term_title(EVALUATION_CHANNELS, t.value), "count": channels[t.value]} for t in EVALUATION_CHANNELS],
        "rated_cases": len(rated_cases),
        "cases": case_count,
        # R6.4: 评价率 = cases with a rating / cases; 满意率 and 差评率 over the ratings.
        "rating_rate": _rate(len(rated_cases), case_count),
        "satisfaction_rate": _rate(satisfied, total),
        "bad": bad,
        "bad_rate": _rate(bad, total),
        "bad_real_name": bad_real_name,
        "agencies": [
            {
                "agency": code,
                "agency_name": department_name(code),
                "total": row["total"],
                "bad": row["bad"],
                "satisfaction_rate": _rate(row["satisfied"], row["total"]),
                "bad_rate": _rate(row["bad"], row["total"]),
            }
            for code, row in sorted(per_agency.items())
        ],
    }


def _rectifications(selected, today, calendar):
    due_soon_days = settings.due_soon_days()
    open_, completed, completed_on_time = [], 0, 0
    for brain in api.content.find(portal_type="Rectification"):
        rectification = brain.getObject()
        case = find_case(rectification)
        # rectifications of agency inspections (no case) count for their agency
        if case is None and not rectification.agency:
            continue
        if case is not None and case.UID() not in selected:
            continue
        deadline = rectification.deadline
        if rectification.completed_date:
            completed += 1
            completed_on_time += bool(deadline and rectification.completed_date <= deadline)
            continue
        left = calendar.working_days_between(today, deadline) if deadline else None
        if left is None:
            status = "on_time"
        elif deadline < today:
            status = "overdue"
        elif left <= due_soon_days:
            status = "due_soon"
        else:
            status = "on_time"
        open_.append({
            "title": rectification.title,
            "finding": rectification.finding,
            "responsible": rectification.responsible,
            "deadline": deadline.isoformat() if deadline else None,
            "working_days_left": left,
            "status": status,
            "url": rectification.absolute_url(),
            "receipt_number": case.receipt_number if case is not None else None,
            "case_url": case.absolute_url() if case is not None else None,
            "agency": department_name(case.accepting_agency if case is not None else rectification.agency),
        })
    open_.sort(key=lambda r: (r["deadline"] or "9999", r["receipt_number"] or ""))
    return {
        "open": open_,
        "open_count": len(open_),
        "open_overdue": sum(1 for r in open_ if r["status"] == "overdue"),
        "completed": completed,
        "completed_on_time": completed_on_time,
        "on_time_fix_rate": _rate(completed_on_time, completed),
    }


def dashboard(agency=None, item=None, start=None, end=None, today=None):
    """``{"filters", "options", "zero_overdue", "processing", "evaluations", "rectifications"}``.

    ``zero_overdue`` is exactly what ``zero_overdue()`` returns for the same filters.
    """
    today = today or datetime.date.today()
    calendar = WorkingCalendar.from_registry()
    tally = Tally()
    processing = _Processing(calendar)
    selected = set()
    for case in cases(agency, item, start, end):
        clocks = case_clocks(case, today)
        tally.add(case, clocks)
        processing.add(case, clocks)
        selected.add(case.UID())
    options = filter_options()
    titles = {i["code"]: i["title"] for i in options["items"]}
    return {
        "filters": {
            "agency": agency,
            "item": item,
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "today": today.isoformat(),
        },
        "options": options,
        "cases": len(selected),
        "zero_overdue": tally.result(),
        "processing": processing.result(titles),
        "evaluations": _evaluations(selected, len(selected)),
        "rectifications": _rectifications(selected, today, calendar),
    }
