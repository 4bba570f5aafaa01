"""The clocks of a case (rules R3.1-R3.5, R5.3, R6.3) as pure functions over dates and limits.

Each clock starts on a trigger day and runs a number of working days (counting from the next
day); ``clock_status`` tells where it stands on a given day. Pass the site's calendar
(``WorkingCalendar.from_registry()``); without one only chinesecalendar is used.
"""

from dataclasses import dataclass
from shaoyang.licensing import _
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.deadlines.settings import DEFAULT_DUE_SOON_DAYS
from shaoyang.licensing.deadlines.settings import DEFAULT_FOLLOWUP_DAYS
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.validation import InvalidValue
from zope.i18nmessageid import Message

import datetime


ACCEPTANCE_DAYS = 5  # R3.1, Art. 32: one-time notice of missing materials
DELIVERY_DAYS = 10  # R3.4, Art. 44: certificate after a grant
DISCLOSURE_DAYS = 7  # R5.3: publication of a decision
# R3.2/R3.3, Art. 42: the law's limits when the item names no other statutory limit.
LAW_DECISION_DAYS = {"single": 20, "joint": 45}
LAW_EXTENSION_DAYS = {"single": 10, "joint": 15}

CLOCK_TITLES = {
    "acceptance": _("clock_acceptance", default="受理时限"),
    "decision": _("clock_decision", default="许可决定时限"),
    "delivery": _("clock_delivery", default="证照送达时限"),
    "disclosure": _("clock_disclosure", default="决定公示时限"),
    "followup": _("clock_followup", default="差评整改时限"),
}

STATUS_TITLES = {
    "on_time": _("deadline_status_on_time", default="按时"),
    "due_soon": _("deadline_status_due_soon", default="即将到期"),
    "overdue": _("deadline_status_overdue", default="已超时"),
    "paused": _("deadline_status_paused", default="已暂停"),
    "done_on_time": _("deadline_status_done_on_time", default="按时办结"),
    "done_late": _("deadline_status_done_late", default="超时办结"),
}

PROVISIONAL_NOTE = _(
    "deadline_provisional_note", default="暂定期限：${years}年节假日安排尚未载入，仅按周末计算"
)


@dataclass(frozen=True)
class Clock:
    kind: str
    start: datetime.date  # the trigger; counting starts the next day
    days: int  # the limit in working days, without extension
    due: datetime.date
    unknown_years: tuple = ()  # years counted with weekends only (R3.8)
    pauses: tuple = ()  # pauses.Pause, decision clock only (R3.5)
    extension: int = 0  # granted extra working days (R3.2), once
    extension_approved_by: str = ""
    extension_reason: str = ""
    max_extension: int = 0

    @property
    def provisional(self):
        return bool(self.unknown_years)

    @property
    def title(self):
        return CLOCK_TITLES[self.kind]


def _run(kind, start, days, calendar, pauses=(), as_of=None, **fields):
    calendar = calendar or WorkingCalendar()
    as_of = as_of or datetime.date.today()
    extension = fields.get("extension", 0)
    deadline = calendar.add_working_days(
        start, days, [p.span(as_of) for p in pauses], extension=extension
    )
    return Clock(kind, start, days, deadline.due, deadline.unknown_years, tuple(pauses), **fields)


def acceptance_clock(received, calendar=None):
    """Accept, or give the one-time notice of all missing materials, within 5 days (R3.1)."""
    return _run("acceptance", received, ACCEPTANCE_DAYS, calendar)


def decision_start(received, accepted=None, correction_notice=None, calendar=None):
    """The day the decision clock starts from (R3.1, Art. 32).

    Acceptance or a correction notice within the 5 days counts from its own date (after a
    timely notice: the acceptance of the completed application, None until then). A late
    notice or a late acceptance does not move the start: the application counts as accepted
    on the day it was received. With neither recorded yet, receipt is the start too, so the
    clock runs from the first day instead of waiting for the paperwork.
    """
    window = acceptance_clock(received, calendar).due
    if correction_notice is not None and correction_notice <= window:
        return accepted
    if correction_notice is None and accepted is not None and accepted <= window:
        return accepted
    return received


def decision_limit(promised_days=None, statutory_days=None, flow="single"):
    """The limit the clock enforces: the item's promised limit, never above the statutory one.

    The statutory limit is the item's own when it has one (a special law may set it above
    Art. 42's 20 days), otherwise the law's 20 days (45 for a joint flow, R3.3).
    """
    statutory = statutory_days or LAW_DECISION_DAYS[flow]
    return min(promised_days or statutory, statutory)


def decision_clock(
    accepted,
    promised_days=None,
    statutory_days=None,
    flow="single",
    pauses=(),
    calendar=None,
    as_of=None,
):
    """Decide within the item's limit from acceptance (R3.2, R3.3), paused by ``pauses`` (R3.5).

    A pause still running (no end) is counted as lasting through ``as_of`` (default today).
    """
    return _run(
        "decision",
        accepted,
        decision_limit(promised_days, statutory_days, flow),
        calendar,
        pauses,
        as_of,
        max_extension=LAW_EXTENSION_DAYS[flow],
    )


def extend(clock, days, approved_by, reason, calendar=None, as_of=None):
    """The decision clock with its one extension (R3.2): approved, with a reason, within the cap."""
    if clock.kind != "decision":
        raise InvalidValue(
            zh(
                _("cat_only_decision_extends", default="只有许可决定时限可以延期，${clock}不能延期"),
                clock=zh(clock.title),
            )
        )
    if clock.extension:
        raise InvalidValue(
            zh(_("cat_extension_once", default="延期只能一次：已于此前延期${days}个工作日"), days=clock.extension)
        )
    if not 1 <= days <= clock.max_extension:
        raise InvalidValue(
            zh(
                _("cat_extension_days_range", default="延期天数须为1至${days}个工作日"),
                days=clock.max_extension,
            )
        )
    if not (approved_by or "").strip():
        raise InvalidValue(zh(_("cat_extension_needs_approver", default="延期须经本机关负责人批准：请填写批准人")))
    if not (reason or "").strip():
        raise InvalidValue(zh(_("cat_extension_needs_reason", default="延期须将理由告知申请人：请填写延期理由")))
    fields = {
        "extension": days,
        "extension_approved_by": approved_by,
        "extension_reason": reason,
        "max_extension": clock.max_extension,
    }
    return _run("decision", clock.start, clock.days, calendar, clock.pauses, as_of, **fields)


def add_pause(clock, pause, calendar=None, as_of=None):
    """The decision clock with one more pause (R3.5; ``pause`` is a checked pauses.Pause)."""
    if clock.kind != "decision":
        raise InvalidValue(
            zh(
                _("cat_only_decision_pauses", default="只有许可决定时限可以暂停，${clock}不能暂停"),
                clock=zh(clock.title),
            )
        )
    fields = {
        "extension": clock.extension,
        "extension_approved_by": clock.extension_approved_by,
        "extension_reason": clock.extension_reason,
        "max_extension": clock.max_extension,
    }
    pauses = clock.pauses + (pause,)
    return _run("decision", clock.start, clock.days, calendar, pauses, as_of, **fields)


def delivery_clock(decided, calendar=None):
    """Deliver the certificate within 10 days of a favourable decision (R3.4); grants only."""
    return _run("delivery", decided, DELIVERY_DAYS, calendar)


def disclosure_clock(decided, calendar=None):
    """Publish the decision within 7 days of making it (R5.3)."""
    return _run("disclosure", decided, DISCLOSURE_DAYS, calendar)


def followup_clock(rated, days=DEFAULT_FOLLOWUP_DAYS, calendar=None):
    """Follow up a real-name bad review (R6.3); the city sets ``days`` (settings.followup_days)."""
    return _run("followup", rated, days, calendar)


def clock_status(clock, today, done=None, due_soon_days=DEFAULT_DUE_SOON_DAYS, calendar=None):
    """One of STATUS_TITLES' codes for the clock on ``today``; ``done`` is when it was met.

    Due soon: the due day is today or within the next ``due_soon_days`` working days.
    """
    if done is not None:
        return "done_on_time" if done <= clock.due else "done_late"
    if any(p.running(today) for p in clock.pauses):
        return "paused"
    if today > clock.due:
        return "overdue"
    calendar = calendar or WorkingCalendar()
    left = calendar.working_days_between(today, clock.due)
    return "due_soon" if left <= due_soon_days else "on_time"


def provisional_note(clock):
    """The Chinese warning a provisional deadline carries (R3.8), or None."""
    if not clock.provisional:
        return None
    years = "、".join(str(y) for y in clock.unknown_years)
    return Message(PROVISIONAL_NOTE, mapping={"years": years})

