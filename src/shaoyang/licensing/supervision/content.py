"""Supervision documents: inspections (R4.7), rectifications, accountability (R4.6) and
evaluations (好差评, R6.1–R6.2) in a case, and the folder of inspections of agencies."""

from plone.dexterity.content import Item
from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model
from shaoyang.licensing.case.base import IRecord
from shaoyang.licensing import _
from shaoyang.licensing import validation
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.application import vocabulary
from shaoyang.licensing.case.casefile import find_case
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


INSPECTION_RESULTS = vocabulary(
    compliant=_("inspection_result_compliant", default="合规"),
    rectify=_("inspection_result_rectify", default="需整改"),
    violation=_("inspection_result_violation", default="存在违法违规"),
)
# R4.6: the accountability triggers of 行政许可法 Art. 72 and 74, as codes.
VIOLATIONS = vocabulary(
    V01=_("violation_v01", default="对符合法定条件的申请不予受理"),
    V02=_("violation_v02", default="未按规定公示应当公示的内容"),
    V03=_("violation_v03", default="未一次告知申请人必须补正的全部内容"),
    V04=_("violation_v04", default="未向申请人说明不受理或者不予许可的理由"),
    V05=_("violation_v05", default="依法应当举行听证而不举行听证"),
    V06=_("violation_v06", default="泄露申请人商业秘密"),
    V07=_("violation_v07", default="对不符合法定条件的申请人准予许可"),
    V08=_("violation_v08", default="对符合法定条件的申请人不予许可"),
    V09=_("violation_v09", default="未在法定期限内作出准予许可决定"),
)
LEVELS = vocabulary(
    very_satisfied=_("evaluation_level_very_satisfied", default="非常满意"),
    satisfied=_("evaluation_level_satisfied", default="满意"),
    basic=_("evaluation_level_basic", default="基本满意"),
    dissatisfied=_("evaluation_level_dissatisfied", default="不满意"),
    very_dissatisfied=_("evaluation_level_very_dissatisfied", default="非常不满意"),
)
BAD_LEVELS = ("dissatisfied", "very_dissatisfied")
EVALUATION_CHANNELS = vocabulary(
    window=_("evaluation_channel_window", default="窗口评价器"),
    online=_("evaluation_channel_online", default="网上评价"),
    mobile=_("evaluation_channel_mobile", default="移动端"),
    phone=_("evaluation_channel_phone", default="12345热线"),
    sms=_("evaluation_channel_sms", default="短信"),
)


class IInspection(model.Schema):
    inspection_date = schema.Date(
        title=_("label_inspection_date", default="检查日期"), constraint=validation.not_in_future
    )
    inspectors = schema.List(
        title=_("label_inspectors", default="检查人员"), value_type=schema.TextLine(), min_length=2
    )
    findings = schema.Text(title=_("label_findings", default="检查发现"))
    result = schema.Choice(title=_("label_inspection_result", default="检查结论"), vocabulary=INSPECTION_RESULTS)
    agency = schema.Choice(
        title=_("label_inspected_agency", default="被检查单位"),
        description=_("help_inspected_agency", default="检查一个单位（而非单个案件）时填写"),
        vocabulary="shaoyang.licensing.Departments",
        required=False,
    )
    signed = schema.Bool(title=_("label_signed", default="检查人员已签字"), default=False)

    @invariant
    def signed_by_inspectors(data):
        """R4.7: inspection results are signed by the inspectors."""
        if not getattr(data, "signed", False):
            raise validation.FieldInvalid(
                "signed",
                zh(_("sup_label_signature", default="签字")),
                zh(_("sup_error_inspection_unsigned", default="检查记录须由检查人员签字后归档")),
            )


class IRectification(model.Schema):
    finding = schema.Text(title=_("label_rectification_finding", default="整改事项"))
    responsible = schema.TextLine(title=_("label_responsible", default="整改责任人"))
    agency = schema.Choice(
        title=_("label_rectifying_agency", default="整改单位"),
        vocabulary="shaoyang.licensing.Departments",
        required=False,
    )
    inspection = schema.TextLine(
        title=_("label_rectification_inspection", default="所属检查"),
        description=_("help_rectification_inspection", default="发现问题的监督检查记录（编号）"),
        required=False,
    )
    deadline = schema.Date(title=_("label_rectification_deadline", default="整改期限"))
    completed_date = schema.Date(
        title=_("label_completed_date", default="完成日期"),
        required=False,
        constraint=validation.not_in_future,
    )
    completion_note = schema.Text(title=_("label_completion_note", default="整改情况"), required=False)


class IAccountability(model.Schema):
    violation = schema.Choice(title=_("label_violation", default="违法违规情形"), vocabulary=VIOLATIONS)
    person = schema.TextLine(title=_("label_responsible_person", default="责任人"))
    on_behalf_of = schema.TextLine(
        title=_("label_on_behalf_of", default="被代岗人"),
        description=_("help_on_behalf_of", default="责任人顶岗代办时填写原岗位人员"),
        required=False,
    )
    description = schema.Text(title=_("label_accountability_facts", default="事实经过"))
    decided_date = schema.Date(
        title=_("label_decided_date", default="认定日期"), constraint=validation.not_in_future
    )
    sanction = schema.TextLine(title=_("label_sanction", default="处理结果"), required=False)


class IEvaluation(IRecord):
    """R6.1–R6.2: one rating per case and channel."""

    channel = schema.Choice(title=_("label_evaluation_channel", default="评价渠道"), vocabulary=EVALUATION_CHANNELS)
    level = schema.Choice(title=_("label_evaluation_level", default="评价等级"), vocabulary=LEVELS)
    rated_at = schema.Datetime(
        title=_("label_rated_at", default="评价时间"), constraint=validation.not_in_future
    )
    staff = schema.TextLine(title=_("label_evaluated_staff", default="被评价工作人员"), required=False)
    comment = schema.Text(title=_("label_evaluation_text", default="评价内容"), required=False)
    real_name = schema.Bool(title=_("label_real_name", default="实名评价"), default=False)

    @invariant
    def one_per_channel(data):
        context = getattr(data, "__context__", None)
        case = find_case(context)
        channel = getattr(data, "channel", None)
        if case is None or channel is None:
            return
        for other in case.objectValues():
            if IEvaluation.providedBy(other) and other is not context and other.channel == channel:
                raise validation.FieldInvalid(
                    "channel",
                    zh(_("label_evaluation_channel", default="评价渠道")),
                    zh(_("sup_error_one_evaluation_per_channel", default="同一案件在同一渠道只能评价一次（R6.1）")),
                )


@implementer(IInspection)
class Inspection(Item):
    pass


@implementer(IRectification)
class Rectification(Item):
    pass


@implementer(IAccountability)
class Accountability(Item):
    pass


@implementer(IEvaluation)
class Evaluation(Item):
    @property
    def is_bad(self):
        return self.level in BAD_LEVELS


def title_evaluation(evaluation, event):
    if not evaluation.title:
        level = term_title(LEVELS, evaluation.level)
        channel = term_title(EVALUATION_CHANNELS, evaluation.channel)
        evaluation.title = zh(_("sup_evaluation_title", default="评价：${level}（${channel}）"), level=level, channel=channel)


SUPERVISION_ID = "inspections"


class ISupervisionRepository(model.Schema):
    """Marker schema of the folder of inspections of agencies (not of single cases)."""


def ensure_supervision_repository(portal):
    if SUPERVISION_ID not in portal.objectIds():
        createContentInContainer(
            portal,
            "SupervisionRepository",
            id=SUPERVISION_ID,
            title=zh(_("sup_supervision_folder_title", default="监督检查")),
            checkConstraints=False,
        )
    return portal[SUPERVISION_ID]
