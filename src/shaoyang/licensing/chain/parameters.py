"""Parameters of case transitions, checked by a schema before the step is taken.

Forms and ``@workflow`` over REST pass them as keyword arguments (DCWorkflow keeps them as
``state_change.kwargs``); the after-transition handlers store what the case must remember
(suspensions, rejection reasons) and the journal records them.
"""

from Products.CMFCore.WorkflowCore import WorkflowException
from shaoyang.licensing import _
from shaoyang.licensing.deadlines.pauses import PAUSE_REASONS as _PAUSE_REASON_MESSAGES
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# R3.5: only these pause the clock (codes shared with the deadline clock).
PAUSE_REASONS = {code: title.default for code, title in _PAUSE_REASON_MESSAGES.items()}


class IRejectApplication(Interface):
    reason = schema.Text(title=_("label_rejection_reason", default="不予受理理由"), min_length=2)
    competent_body = schema.TextLine(title=_("label_competent_body", default="有权受理的机关"), min_length=2)


class ISuspend(Interface):
    reason = schema.Choice(
        title=_("label_pause_reason", default="中止事由"),
        vocabulary=SimpleVocabulary([SimpleTerm(k, k, m) for k, m in _PAUSE_REASON_MESSAGES.items()]),
    )
    expected_days = schema.Int(title=_("label_expected_days", default="预计所需工作日"), min=1, max=180)
    notice = schema.Text(title=_("label_pause_notice", default="书面告知内容"), min_length=2)


class IWithdraw(Interface):
    reason = schema.Text(title=_("label_withdrawal_reason", default="撤回原因"), min_length=2)


SCHEMAS = {
    "reject_application": IRejectApplication,
    "suspend": ISuspend,
    "withdraw": IWithdraw,
}


def check_parameters(transition, params):
    """The validated parameters of ``transition``; WorkflowException (Chinese) when wrong."""
    iface = SCHEMAS.get(transition)
    if iface is None:
        return {}
    errors, values = [], {}
    for name, field in getFieldsInOrder(iface):
        value = params.get(name)
        title = _zh(field.title)
        if value in (None, ""):
            errors.append(_zh(_("error_parameter_missing", default="缺少“${field}”", mapping={"field": title})))
            continue
        try:
            if isinstance(field, schema.Int) and isinstance(value, str) and value.isdigit():
                value = int(value)
            field.validate(value)
        except ValidationError:
            if name == "reason" and transition == "suspend":
                errors.append(_zh(_(
                    "error_pause_reason_not_lawful",
                    default="中止事由“${value}”不在法定范围内，只能是：${reasons}（行政许可法第四十五条）",
                    mapping={"value": value, "reasons": "、".join(PAUSE_REASONS.values())},
                )))
            else:
                errors.append(_zh(_("error_parameter_invalid", default="“${field}”填写不完整或不符合要求",
                                    mapping={"field": title})))
            continue
        values[name] = value
    if errors:
        raise WorkflowException("；".join(errors))
    return values


def _zh(message):
    # Workflow refusals travel as exception text (REST answers, status messages): Chinese.
    return translate(message, target_language="zh_CN")
