"""好差评 after the rating (rules R6.3, R6.4): follow-up of real-name bad reviews, appeals, and
the statistics per agency, item, staff member and period.

A real-name 差评 opens a follow-up due in the city's working days (default 15). The department
records what it did (rectified), or appeals a mistaken or malicious rating; a supervisor
decides the appeal, and an upheld appeal takes the rating out of the statistics. Every step is
journaled on the case.
"""

from persistent.mapping import PersistentMapping
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.supervision.content import BAD_LEVELS
from shaoyang.licensing.supervision.content import IEvaluation
from shaoyang.licensing.workflow.states import case_states
from shaoyang.licensing.deadlines import clocks
from shaoyang.licensing.deadlines import settings
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh

import collections
import datetime


SATISFIED = ("very_satisfied", "satisfied", "basic")


def _now():
    return datetime.datetime.now().isoformat(timespec="seconds")


def _user():
    user = api.user.get_current()
    return user.getId() if user else ""


def open_followup(evaluation, event=None):
    """A real-name bad review gets a follow-up with its due day (R6.3)."""
    if evaluation.level not in BAD_LEVELS or not evaluation.real_name:
        return
    rated = evaluation.rated_at.date() if evaluation.rated_at else datetime.date.today()
    clock = clocks.followup_clock(rated, settings.followup_days(), WorkingCalendar.from_registry())
    evaluation.followup = PersistentMapping(
        {"status": "open", "due": clock.due.isoformat(), "opened": _now(), "steps": []}
    )
    case = find_case(evaluation)
    if case is not None:
        summary = zh(_("sup_journal_followup_opened", default="差评回访整改：${evaluation}，${due}前完成"),
                     evaluation=evaluation.title, due=clock.due.isoformat())
        journal.record(case, "document", summary, {"evaluation": evaluation.getId(), "due": clock.due.isoformat()})


# action → (from statuses, to status, who may, title); the titles are messages: ``take`` turns
# them into text (zh) for its errors, the step stored in the follow-up and the journal.
ACTIONS = {
    "rectify": (("open",), "rectified", "department", _("sup_action_rectify", default="回访整改")),
    "appeal": (("open",), "appealed", "department", _("sup_action_appeal", default="申诉")),
    "uphold_appeal": (("appealed",), "appeal_upheld", "supervisor", _("sup_action_uphold_appeal", default="申诉成立")),
    "reject_appeal": (("appealed",), "open", "supervisor", _("sup_action_reject_appeal", default="申诉不成立")),
}


def take(evaluation, action, note):
    """Apply a follow-up step; ValueError (Chinese) when it does not fit."""
    followup = getattr(evaluation, "followup", None)
    if not followup:
        raise ValueError(zh(_("sup_error_followup_not_needed", default="该评价不是实名差评，无需回访整改")))
    if action not in ACTIONS:
        choices = "、".join(f"{k}（{zh(v[3])}）" for k, v in ACTIONS.items())
        raise ValueError(zh(_("sup_error_followup_action", default="操作应为：${choices}"), choices=choices))
    allowed_from, to, who, title = ACTIONS[action]
    title = zh(title)
    if followup["status"] not in allowed_from:
        raise ValueError(zh(_("sup_error_followup_state", default="当前状态下不能“${action}”"), action=title))
    if not (note or "").strip():
        raise ValueError(zh(_("sup_error_followup_note", default="“${action}”须写明情况或理由"), action=title))
    roles = set(api.user.get_roles(obj=evaluation))
    if who == "supervisor" and not roles & {"Supervisor", "Manager", "Site Administrator"}:
        raise PermissionError(zh(_("sup_error_appeal_for_supervisors", default="申诉由监督员裁定")))
    if who == "department" and not roles & {"DepartmentMember", "Approver", "Manager", "Site Administrator"}:
        raise PermissionError(zh(_("sup_error_followup_for_departments", default="回访整改和申诉由承办部门办理")))
    followup["steps"].append({"action": action, "title": title, "note": note, "actor": _user(), "time": _now()})
    followup["status"] = to
    if to == "rectified":
        followup["done"] = datetime.date.today().isoformat()
    evaluation._p_changed = True
    journal.record(find_case(evaluation), "document", f"{title}：{evaluation.title}", {"note": note})
    return dict(followup)


def _rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def statistics(group_by="agency", agency=None, item=None, staff=None, start=None, end=None):
    """R6.4 per ``group_by`` (agency, item, staff): rating rate, satisfaction rate, 差评 rate,
    follow-up rate, on-time fix rate. Upheld appeals leave the figures."""
    rows = collections.defaultdict(lambda: collections.Counter())
    finished = case_states("finished")
    for brain in api.content.find(portal_type="CaseFile"):
        case = brain.getObject()
        if (agency and case.accepting_agency != agency) or (item and case.item_code != item):
            continue
        if (start and case.received_date < start) or (end and case.received_date > end):
            continue
        state = api.content.get_state(case)
        evaluations = [o for o in case.objectValues() if IEvaluation.providedBy(o)]
        for key in _keys(group_by, case, evaluations):
            row = rows[key]
            row["finished"] += state in finished
            row["rated_cases"] += bool(evaluations)
            for evaluation in evaluations:
                if staff and evaluation.staff != staff:
                    continue
                followup = getattr(evaluation, "followup", None) or {}
                if followup.get("status") == "appeal_upheld":
                    continue
                row["ratings"] += 1
                row["satisfied"] += evaluation.level in SATISFIED
                row["bad"] += evaluation.level in BAD_LEVELS
                if followup:
                    row["real_name_bad"] += 1
                    row["followed_up"] += followup.get("status") == "rectified"
                    row["fixed_on_time"] += bool(followup.get("done") and followup["done"] <= followup["due"])
    result = []
    for key, row in sorted(rows.items()):
        result.append({
            group_by: key,
            "name": department_name(key) if group_by == "agency" else key,
            **row,
            "rating_rate": _rate(row["rated_cases"], row["finished"]),
            "satisfaction_rate": _rate(row["satisfied"], row["ratings"]),
            "bad_rate": _rate(row["bad"], row["ratings"]),
            "followup_rate": _rate(row["followed_up"], row["real_name_bad"]),
            "on_time_fix_rate": _rate(row["fixed_on_time"], row["real_name_bad"]),
        })
    return result


def _keys(group_by, case, evaluations):
    if group_by == "agency":
        return [case.accepting_agency]
    if group_by == "item":
        return [case.item_code]
    unnamed = zh(_("sup_staff_unspecified", default="（未指明）"))
    return sorted({e.staff or unnamed for e in evaluations}) or []
