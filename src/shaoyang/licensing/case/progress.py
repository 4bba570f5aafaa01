"""Case progress for the applicant (办件进度查询): receipt number + query code, no login.

Each case gets a six-digit query code when it is filed (case/numbering.py); it is printed
on the acceptance receipt (受理通知书) and shown to staff on the case. ``lookup`` answers
only the pair: where the case stands, its steps with their dates, the promised date of the
decision and, once made, the outcome — no names of staff, no personal data, no texts of
opinions. A wrong code and an unknown number get the same answer (no probing for numbers),
and after ``MAX_FAILURES`` wrong tries a receipt number is locked for ``LOCK_SECONDS`` in
this process (kept in memory: a lookup never writes to the database). A case that is a
state secret is never shown (R5.2): the applicant asks at the window.
"""

from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.classification import SECRET_LEVELS
from shaoyang.licensing.case.due_dates import case_clocks
from shaoyang.licensing.case.due_dates import state_title
from shaoyang.licensing.case.numbering import QUERY_CODE_DIGITS
from shaoyang.licensing.case.records import IDecision
from shaoyang.licensing.case.records import OUTCOMES
from shaoyang.licensing.case.repository import REPOSITORY_ID
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.workflow.states import case_states

import datetime
import hmac
import re
import threading
import time


MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
RECEIPT_NUMBER = re.compile(r"^[A-Za-z]{2,8}-\d{4}-\d{1,6}$")
# The answers as text (callers and tests compare them with what the applicant got); LOCKED
# stays a message, filled in (zh) with the minutes when it is given.
NOT_FOUND = zh(_("case_progress_not_found", default="受理编号或查询码不正确，请核对受理通知书上的受理编号和查询码"))
LOCKED = _("case_progress_locked", default="查询失败次数过多，该受理编号已暂停网上查询 ${minutes} 分钟，请稍后再试或向受理窗口咨询")
SECRET = zh(_("case_progress_secret", default="该案件不提供网上查询，请向受理窗口咨询"))
# Steps the applicant is told of (the workflow's own titles); assignments, journal reads,
# documents and the like are the agency's business.
PUBLIC_STEPS = ("accept", "request_correction", "resubmit", "reject_application", "start_review",
                "suspend", "resume", "submit_for_decision", "decide", "deliver", "withdraw",
                "close", "archive")


class ProgressRefused(ValueError):
    """``str()`` is the Chinese answer for the applicant; ``status`` the HTTP status for it."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


# -- the lock after wrong tries ----------------------------------------------------------

_failures = {}  # receipt number → [monotonic times of wrong tries]
_lock = threading.Lock()


def _locked_for(number, now):
    with _lock:
        recent = [t for t in _failures.get(number, ()) if now - t < LOCK_SECONDS]
        _failures[number] = recent
        if len(recent) >= MAX_FAILURES:
            return LOCK_SECONDS - (now - recent[0])
    return 0


def _failed(number, now):
    with _lock:
        if len(_failures) > 10_000:  # many numbers tried: forget those whose tries are old
            for key in [k for k, times in _failures.items() if not times or now - times[-1] >= LOCK_SECONDS]:
                del _failures[key]
        _failures.setdefault(number, []).append(now)


def forget_failures():
    """Clear the lock (tests; an administrator restarting the process does the same)."""
    with _lock:
        _failures.clear()


# -- the lookup --------------------------------------------------------------------------


def _case(number):
    repository = api.portal.get().get(REPOSITORY_ID)
    case = repository.get(number.lower()) if repository is not None else None
    return case if case is not None and getattr(case, "receipt_number", None) == number else None


def lookup(receipt_number, code):
    """The public progress of a case; raises ProgressRefused with the Chinese answer."""
    number = (receipt_number or "").strip().upper()
    code = (code or "").strip()
    if not RECEIPT_NUMBER.match(number) or not re.fullmatch(rf"\d{{{QUERY_CODE_DIGITS}}}", code):
        raise ProgressRefused(zh(_("case_progress_malformed", default="请填写受理通知书上的受理编号（如 XZSP-2026-00001）和 6 位数字查询码")))
    now = time.monotonic()
    wait = _locked_for(number, now)
    if wait:
        raise ProgressRefused(zh(LOCKED, minutes=max(1, round(wait / 60))), status=429)
    case = _case(number)
    expected = getattr(case, "query_code", None) or ""
    # compare_digest also when the case does not exist: the answer takes the same time
    if not hmac.compare_digest(expected.encode(), code.encode()) or case is None:
        _failed(number, now)
        raise ProgressRefused(NOT_FOUND, status=404)
    if getattr(case, "classification", None) in SECRET_LEVELS:
        raise ProgressRefused(SECRET, status=403)
    return progress_of(case)


def progress_of(case):
    """What the applicant may know of ``case`` (a dict of plain values)."""
    workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(case)[0]
    steps = []
    for entry in journal.entries(case):
        if entry["action"] == "filed":
            steps.append({"date": _entry_date(entry), "step": "filed",
                          "title": zh(_("case_progress_step_filed", default="收件登记"))})
        transition = entry["details"].get("transition") if entry["action"] == "transition" else None
        if transition in PUBLIC_STEPS and transition in workflow.transitions:
            steps.append({"date": _entry_date(entry), "step": transition,
                          "title": workflow.transitions[transition].title})
    item = case.item_version_data()["data"]
    clocks = {c["kind"]: c for c in case_clocks(case)}
    decision = clocks.get("decision")
    outcome = _outcome(case)
    return {
        "receipt_number": case.receipt_number,
        "item_code": case.item_code,
        "item_title": item.get("title") or case.item_code,
        "accepting_agency": department_name(item.get("accepting_agency")),
        "received_date": case.received_date.isoformat() if case.received_date else None,
        "state": api.content.get_state(case),
        "state_title": state_title(case),
        "steps": steps,
        "decision_due": decision["due"] if decision else None,
        "decision_due_status": decision["status_title"] if decision and not decision["done"] else None,
        "outcome": outcome,
        "contact": item.get("contact"),
    }


def _entry_date(entry):
    return datetime.date.fromisoformat(entry["time"][:10]).isoformat()


def _outcome(case):
    """准予许可 / 不予许可 once decided (the decision's document number is public anyway)."""
    if api.content.get_state(case) not in case_states("decided"):
        return None
    for obj in case.objectValues():
        if IDecision.providedBy(obj):
            return {"outcome": obj.outcome, "title": term_title(OUTCOMES, obj.outcome),
                    "document_number": obj.document_number,
                    "decision_date": obj.decision_date.isoformat() if obj.decision_date else None}
    return None
