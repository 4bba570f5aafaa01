"""延期 (rule R3.2): once per case, approved by the agency head, with the reason told to the
applicant. Not a workflow step — the case stays where it is; the decision clock gets the days.

``POST <case>/@extension {"days", "reason"}`` (chain/rest.py) by an Approver of the case. The extension is
stored on the case, journaled, and announced by ``CaseExtended`` (the 延期通知书 subscribes).
"""

from persistent.mapping import PersistentMapping
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.responsibility import acting_for
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.workflow.states import case_states
from zope.event import notify
from zope.interface import implementer
from zope.interface import Interface

import datetime


MAX_DAYS = {"single": 10, "joint": 15}  # Art. 42: 10 more, joint 15 more


class ICaseExtended(Interface):
    """The decision clock of ``case`` was extended; ``extension`` says how and why."""


@implementer(ICaseExtended)
class CaseExtended:
    def __init__(self, case, extension):
        self.object = case
        self.extension = extension


def extend_case(case, days, reason):
    """Grant the one extension; ValueError / PermissionError with a Chinese reason otherwise."""
    user = api.user.get_current()
    if "Approver" not in api.user.get_roles(user=user, obj=case) and "Manager" not in api.user.get_roles(user=user):
        raise PermissionError(zh(_("case_error_extension_needs_approver", default="延期须经本机关负责人（审批负责人）批准")))
    if api.content.get_state(case) not in case_states("open"):
        raise ValueError(zh(_("case_error_extension_state", default="只有已受理、尚未作出决定的案件可以延期")))
    if getattr(case, "extension", None):
        raise ValueError(zh(_("case_error_extension_once", default="延期只能一次：本案已于${date}延期${days}个工作日"),
                            date=case.extension["date"], days=case.extension["days"]))
    flow = case.item_version_data()["data"]["flow"]
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValueError(zh(_("case_error_extension_days_integer", default="延期天数应为整数")))
    if not 1 <= days <= MAX_DAYS[flow]:
        raise ValueError(zh(_("case_error_extension_days_range", default="延期天数须为1至${days}个工作日（行政许可法第四十二条）"),
                            days=MAX_DAYS[flow]))
    if len((reason or "").strip()) < 4:
        raise ValueError(zh(_("case_error_extension_reason", default="须写明延期理由，并告知申请人")))
    case.extension = PersistentMapping(
        {"days": days, "reason": reason.strip(), "approved_by": user.getId(), "date": datetime.date.today().isoformat()}
    )
    summary = zh(_("case_journal_extension", default="延期${days}个工作日：${reason}"), days=days, reason=reason.strip())
    journal.record(case, "extension", summary, dict(case.extension), on_behalf_of=acting_for(case, user.getId()))
    notify(CaseExtended(case, dict(case.extension)))
    case.reindexObject()
    return dict(case.extension)
