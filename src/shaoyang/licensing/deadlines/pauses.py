"""Pauses of the decision clock (rule R3.5, 行政许可法 Art. 45).

Only the time needed for these procedures is left out of the limit, each with a written
notice to the applicant; any other reason would let a late case hide as paused, so it is
refused with a message saying which reasons the law allows.
"""

from dataclasses import dataclass
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.validation import InvalidValue

import datetime


# Codes as stored by the case workflow's suspend transition (chain/parameters.py imports
# them), so a recorded suspension reads back as a Pause. 检验 is ``examination``: the
# glossary's Inspection is 监督检查.
PAUSE_REASONS = {
    "hearing": _("pause_reason_hearing", default="听证"),
    "tender": _("pause_reason_tender", default="招标"),
    "auction": _("pause_reason_auction", default="拍卖"),
    "examination": _("pause_reason_examination", default="检验"),
    "testing": _("pause_reason_testing", default="检测"),
    "quarantine": _("pause_reason_quarantine", default="检疫"),
    "appraisal": _("pause_reason_appraisal", default="鉴定"),
    "expert_review": _("pause_reason_expert_review", default="专家评审"),
}

_CODE_OF_TITLE = {title.default: code for code, title in PAUSE_REASONS.items()}


def pause_reason_code(value):
    """The code of an allowed reason given as code or Chinese name; InvalidValue otherwise."""
    value = (value or "").strip()
    if value in PAUSE_REASONS:
        return value
    if value in _CODE_OF_TITLE:
        return _CODE_OF_TITLE[value]
    allowed = "、".join(zh(t) for t in PAUSE_REASONS.values())
    raise InvalidValue(
        zh(
            _("cat_pause_reason_refused", default="暂停原因“${value}”不予认可：依《行政许可法》第四十五条，只有${allowed}所需时间不计入审查期限"),
            value=value,
            allowed=allowed,
        )
    )


def validate_pause_reason(value):
    """Field constraint for a pause reason (R3.5)."""
    pause_reason_code(value)
    return True


@dataclass(frozen=True)
class Pause:
    """A pause of the clock: reason, first day, last day (None while still running)."""

    reason: str
    start: datetime.date
    end: datetime.date = None

    def __post_init__(self):
        object.__setattr__(self, "reason", pause_reason_code(self.reason))
        if self.end is not None and self.end < self.start:
            raise InvalidValue(
                zh(
                    _("cat_pause_end_before_start", default="暂停结束日期 ${end} 早于开始日期 ${start}"),
                    end=self.end,
                    start=self.start,
                )
            )

    @property
    def title(self):
        return PAUSE_REASONS[self.reason]

    def span(self, today):
        """(first, last) for the calendar; a running pause counts as lasting through today."""
        return self.start, self.end or max(today, self.start)

    def running(self, today):
        return self.end is None and self.start <= today
