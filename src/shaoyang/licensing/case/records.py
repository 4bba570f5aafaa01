"""The records of the chain inside a case: review opinions, the decision, delivery, attachments."""

from Acquisition import aq_base
from plone import api
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from shaoyang.licensing.case.base import IRecord
from shaoyang.licensing import _
from shaoyang.licensing import validation
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.application import vocabulary
from shaoyang.licensing.case.numbering import new_document_number
from shaoyang.licensing.case.responsibility import fullname
from shaoyang.licensing.i18n import zh
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zope.schema.interfaces import IContextAwareDefaultFactory
from zope.interface import provider
from shaoyang.licensing.case.casefile import find_case


REVIEW_STEPS = vocabulary(
    first_review=_("review_step_first_review", default="初审"),
    second_review=_("review_step_second_review", default="复审"),
    check=_("review_step_check", default="审核"),
    approval=_("review_step_approval", default="审批"),
    joint_review=_("review_step_joint_review", default="会审"),
)
OPINIONS = vocabulary(
    agree=_("opinion_agree", default="同意"),
    disagree=_("opinion_disagree", default="不同意"),
    correction=_("opinion_correction", default="补正"),
    other=_("opinion_other", default="其他"),
)
OUTCOMES = vocabulary(
    grant=_("outcome_grant", default="准予许可"),
    refusal=_("outcome_refusal", default="不予许可"),
)
# The document that carries each outcome (its notice kind has the same name, notices/kinds.py).
DECISION_DOCUMENTS = vocabulary(
    grant=_("decision_document_grant", default="准予行政许可决定书"),
    refusal=_("decision_document_refusal", default="不予行政许可决定书"),
)
DELIVERY_METHODS = vocabulary(
    window=_("delivery_method_window", default="窗口领取"),
    post=_("delivery_method_post", default="邮寄送达"),
    electronic=_("delivery_method_electronic", default="电子送达"),
    public_notice=_("delivery_method_public_notice", default="公告送达"),
)
# Text: stored as the decision's default and written by the demo data.
DEFAULT_REMEDIES = zh(_("case_default_remedies", default="如不服本决定，可自收到本决定书之日起六十日内向邵阳市人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"))


@provider(IContextAwareDefaultFactory)
def current_user_id(context):
    user = api.user.get_current()
    return user.getId() if user is not None else None


class IReviewOpinion(IRecord):
    """R4.2: signer, a clear opinion and date; a bare signature is not an opinion."""
    step = schema.Choice(title=_("label_review_step", default="审查环节"), vocabulary=REVIEW_STEPS)
    signer = schema.TextLine(
        title=_("label_signer", default="签署人"), defaultFactory=current_user_id
    )
    opinion = schema.Choice(title=_("label_opinion", default="审查意见"), vocabulary=OPINIONS)
    points_checked = schema.List(
        title=_("label_points_checked", default="已审查要点"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    text = schema.Text(
        title=_("label_opinion_text", default="意见内容"), min_length=4
    )
    opinion_date = schema.Date(
        title=_("label_opinion_date", default="签署日期"), constraint=validation.not_in_future
    )


class IDecision(IRecord):
    """R4.4: a refusal gives reasons and remedies; a grant names its certificate."""
    outcome = schema.Choice(title=_("label_outcome", default="决定类型"), vocabulary=OUTCOMES)
    document_number = schema.TextLine(
        title=_("label_document_number", default="决定书文号"), readonly=True, required=False
    )
    decision_date = schema.Date(
        title=_("label_decision_date", default="决定日期"), constraint=validation.not_in_future
    )
    reasons = schema.Text(title=_("label_reasons", default="理由"), required=False)
    remedies = schema.Text(
        title=_("label_remedies", default="救济途径"), required=False, default=DEFAULT_REMEDIES
    )
    certificate_name = schema.TextLine(
        title=_("label_certificate_name", default="证照名称"), required=False
    )
    certificate_number = schema.TextLine(
        title=_("label_certificate_number", default="证照编号"), required=False
    )
    valid_from = schema.Date(title=_("label_valid_from", default="有效期起"), required=False)
    valid_until = schema.Date(title=_("label_valid_until", default="有效期至"), required=False)

    @invariant
    def outcome_rules(data):
        outcome = getattr(data, "outcome", None)
        if outcome == "refusal":
            if not (getattr(data, "reasons", None) or "").strip():
                raise validation.FieldInvalid(
                    "reasons",
                    zh(_("label_reasons", default="理由")),
                    zh(_("case_error_refusal_no_reasons", default="不予许可决定必须说明理由")),
                )
            if not (getattr(data, "remedies", None) or "").strip():
                raise validation.FieldInvalid(
                    "remedies",
                    zh(_("label_remedies", default="救济途径")),
                    zh(_("case_error_refusal_no_remedies", default="不予许可决定必须告知申请行政复议或提起行政诉讼的权利")),
                )
        if outcome == "grant" and not getattr(data, "certificate_name", None):
            raise validation.FieldInvalid(
                "certificate_name",
                zh(_("label_certificate_name", default="证照名称")),
                zh(_("case_error_grant_no_certificate", default="准予许可决定必须写明颁发的证照")),
            )
        start, end = getattr(data, "valid_from", None), getattr(data, "valid_until", None)
        if start and end and end <= start:
            raise validation.FieldInvalid(
                "valid_until",
                zh(_("label_valid_until", default="有效期至")),
                zh(_("case_error_validity_ends_before_start", default="有效期截止日须晚于起始日")),
            )


class IDelivery(IRecord):
    method = schema.Choice(
        title=_("label_delivery_method", default="送达方式"), vocabulary=DELIVERY_METHODS
    )
    delivery_date = schema.Date(
        title=_("label_delivery_date", default="送达日期"), constraint=validation.not_in_future
    )
    recipient = schema.TextLine(title=_("label_recipient", default="受送达人"))
    receipt_note = schema.TextLine(
        title=_("label_receipt_note", default="送达回证"),
        description=_("help_receipt_note", default="回证编号或签收情况"),
        required=False,
    )


class IAttachment(model.Schema):
    """A file of the case. The fields after ``material_name`` are written by
    ``shaoyang.licensing.documents`` when the file is stored (read-only: REST shows them,
    nobody sets them by hand)."""
    file = NamedBlobFile(title=_("label_file", default="文件"))
    material_name = schema.TextLine(
        title=_("label_material_name", default="对应申请材料"), required=False
    )

    model.fieldset(
        "documents",
        label=_("fieldset_documents", default="读取与校验"),
        fields=[
            "file_size", "page_count", "reading_status", "reading_note", "extracted_text",
            "sm3", "sha256", "fixity_checked", "fixity_status",
        ],
    )
    file_size = schema.Int(
        title=_("label_file_size", default="文件大小（字节）"), readonly=True, required=False
    )
    page_count = schema.Int(title=_("label_page_count", default="页数"), readonly=True, required=False)
    reading_status = schema.TextLine(
        title=_("label_reading_status", default="读取结果代码"), readonly=True, required=False
    )
    reading_note = schema.Text(
        title=_("label_reading_note", default="读取说明"), readonly=True, required=False
    )
    extracted_text = schema.Text(
        title=_("label_extracted_text", default="提取的文本"), readonly=True, required=False
    )
    sm3 = schema.ASCIILine(title=_("label_sm3", default="SM3摘要"), readonly=True, required=False)
    sha256 = schema.ASCIILine(
        title=_("label_sha256", default="SHA-256摘要"), readonly=True, required=False
    )
    fixity_checked = schema.Datetime(
        title=_("label_fixity_checked", default="最近一次固定性复核"), readonly=True, required=False
    )
    fixity_status = schema.TextLine(
        title=_("label_fixity_status", default="复核结果"), readonly=True, required=False
    )


@implementer(IReviewOpinion)
class ReviewOpinion(Item):
    pass


@implementer(IDecision)
class Decision(Item):
    pass


@implementer(IDelivery)
class Delivery(Item):
    pass


@implementer(IAttachment)
class Attachment(Item):
    pass


def number_decision(decision, event):
    """A new decision takes the deciding agency's next document number (once)."""
    if decision.document_number:
        return
    case = find_case(decision)
    item = case.item_version_data()["data"]
    year = decision.decision_date.year if decision.decision_date else validation.today().year
    decision.document_number = new_document_number(item["deciding_agency"], year)
    kind = term_title(DECISION_DOCUMENTS, "grant" if decision.outcome == "grant" else "refusal")
    decision.title = f"{kind}（{decision.document_number}）"


def sign_opinion(opinion):
    """The signer is who files the opinion (R4.2), fixed at creation: a default computed later
    would name whoever reads it. Only administrators (data migration, demo data) may file an
    opinion in someone else's name."""
    user = api.user.get_current()
    stored = aq_base(opinion).__dict__.get("signer")
    if user is not None and (not stored or "Manager" not in api.user.get_roles(user=user)):
        opinion.signer = user.getId()


def title_record(record, event):
    """Records without a title of their own get one that says what they are."""
    if IReviewOpinion.providedBy(record):
        sign_opinion(record)
    if record.title:
        return
    if IReviewOpinion.providedBy(record):
        record.title = zh(_("case_opinion_title", default="${step}意见（${name}）"),
                          step=term_title(REVIEW_STEPS, record.step), name=fullname(record.signer))
    elif IDelivery.providedBy(record):
        record.title = zh(_("case_delivery_title", default="送达记录（${method}）"),
                          method=term_title(DELIVERY_METHODS, record.method))
