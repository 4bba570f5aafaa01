"""Why a case may not take a step yet: data checks behind the workflow guards, with reasons.

``reasons(case, transition)`` lists, in Chinese, what is missing; an empty list means the step
is allowed. Guards call it through the ``@@case-preconditions`` view (so menus offer only what
can be done) and the before-transition check calls it again (so code and REST get the reasons).
"""

from plone import api
from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.case.application import IApplication
from shaoyang.licensing.case.records import IDecision
from shaoyang.licensing.case.records import IDelivery
from shaoyang.licensing.case.records import IReviewOpinion
from shaoyang.licensing.i18n import zh


def _records(case, interface):
    return [obj for obj in case.objectValues() if interface.providedBy(obj)]


def _application(case):
    found = _records(case, IApplication)
    return found[0] if found else None


def _accept(case):
    application = _application(case)
    if application is None:
        return [zh(_("case_precondition_no_application", default="尚未登记申请信息"))]
    missing = application.missing_materials()
    if missing:
        return [zh(_("case_precondition_materials_missing", default="申请材料不齐全，应一次性告知补正：${materials}"),
                   materials="、".join(missing))]
    return []


def _request_correction(case):
    application = _application(case)
    if application is None:
        return [zh(_("case_precondition_no_application", default="尚未登记申请信息"))]
    if not application.missing_materials():
        return [zh(_("case_precondition_materials_complete", default="必要材料已齐全，无需补正"))]
    return []


def _submit_for_decision(case):
    opinions = [o for o in _records(case, IReviewOpinion) if o.opinion in ("agree", "disagree")]
    signers = {o.signer for o in opinions}
    reasons = []
    if len(signers) < 2:
        reasons.append(zh(_("case_precondition_two_reviewers", default="实质审查须由两名以上工作人员签署明确的审查意见（R4.1）")))
    if not any(o.step in ("check", "second_review") for o in opinions):
        reasons.append(zh(_("case_precondition_no_check_opinion", default="缺少审核人的审核意见")))
    return reasons


def _decide(case):
    reasons = []
    decisions = _records(case, IDecision)
    if not decisions:
        reasons.append(zh(_("case_precondition_no_decision", default="尚未起草许可决定")))
    user = api.user.get_current()
    signers = {o.signer for o in _records(case, IReviewOpinion)}
    if user is not None and signers and signers <= {user.getId()}:
        reasons.append(zh(_("case_precondition_decider_sole_reviewer", default="决定人不得是唯一的审查人")))
    return reasons


def _deliver(case):
    if _records(case, IDelivery):
        return []
    return [zh(_("case_precondition_no_delivery", default="尚未登记送达记录"))]


def _archive(case):
    if _application(case) is not None:
        return []
    return [zh(_("case_precondition_archive_no_application", default="案卷缺少申请信息，不能归档"))]


CHECKS = {
    "accept": _accept,
    "request_correction": _request_correction,
    "submit_for_decision": _submit_for_decision,
    "decide": _decide,
    "deliver": _deliver,
    "archive": _archive,
}


def reasons(case, transition):
    """Chinese reasons why ``transition`` cannot be taken now ([] when it can)."""
    check = CHECKS.get(transition)
    return check(case) if check else []


class CasePreconditionsView(BrowserView):
    """Used by guard expressions: ``here.restrictedTraverse('@@case-preconditions').allowed(t)``."""

    def allowed(self, transition):
        return not reasons(self.context, transition)

    def __call__(self):
        return {t: reasons(self.context, t) for t in CHECKS}
