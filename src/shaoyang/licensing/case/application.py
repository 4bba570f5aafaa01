"""Application (申请): who applied, how, when, and which materials they handed in."""

from plone.dexterity.content import Item
from shaoyang.licensing.case.base import IRecord
from shaoyang.licensing import _
from shaoyang.licensing import validation
from shaoyang.licensing.codes import normalize_id_number
from shaoyang.licensing.i18n import zh
from zope import schema
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
from shaoyang.licensing.case.casefile import find_case


def vocabulary(**titles):
    return SimpleVocabulary([SimpleTerm(k, k, v) for k, v in titles.items()])


def term_title(vocabulary, value):
    """The Chinese title of ``value``: what record titles, notices and figures show."""
    return translate(vocabulary.getTerm(value).title, target_language="zh_CN")


APPLICANT_TYPES = vocabulary(
    person=_("applicant_type_person", default="自然人"),
    organisation=_("applicant_type_organisation", default="法人或其他组织"),
)
CHANNELS = vocabulary(
    window=_("channel_window", default="窗口"),
    online=_("channel_online", default="网上申请"),
    post=_("channel_post", default="邮寄"),
    mobile=_("channel_mobile", default="移动端"),
)


class IApplication(IRecord):
    applicant_type = schema.Choice(
        title=_("label_applicant_type", default="申请人类型"), vocabulary=APPLICANT_TYPES
    )
    applicant_name = schema.TextLine(title=_("label_applicant_name", default="申请人名称"))
    id_number = schema.TextLine(
        title=_("label_id_number", default="公民身份号码"),
        required=False,
        constraint=validation.id_number,
    )
    credit_code = schema.TextLine(
        title=_("label_credit_code", default="统一社会信用代码"),
        required=False,
        constraint=validation.credit_code,
    )
    legal_representative = schema.TextLine(
        title=_("label_legal_representative", default="法定代表人"), required=False
    )
    phone = schema.TextLine(
        title=_("label_phone", default="联系电话"), constraint=validation.phone
    )
    address = schema.TextLine(title=_("label_address", default="联系地址"), required=False)
    received_date = schema.Date(
        title=_("label_received_date", default="收件日期"), constraint=validation.not_in_future
    )
    channel = schema.Choice(
        title=_("label_channel", default="申请渠道"), vocabulary=CHANNELS, default="window"
    )
    submitted_materials = schema.List(
        title=_("label_submitted_materials", default="已提交材料"),
        description=_("help_submitted_materials", default="按事项申请材料清单逐项勾选"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    @invariant
    def identity_matches_type(data):
        kind = getattr(data, "applicant_type", None)
        if kind == "person" and not getattr(data, "id_number", None):
            raise validation.FieldInvalid(
                "id_number",
                zh(_("label_id_number", default="公民身份号码")),
                zh(_("case_error_person_needs_id_number", default="自然人申请须填写公民身份号码")),
            )
        if kind == "organisation" and not getattr(data, "credit_code", None):
            raise validation.FieldInvalid(
                "credit_code",
                zh(_("label_credit_code", default="统一社会信用代码")),
                zh(_("case_error_organisation_needs_credit_code", default="法人或其他组织申请须填写统一社会信用代码")),
            )

    @invariant
    def materials_are_the_items(data):
        """Submitted materials are checked against the item's list (R3.1: one full notice)."""
        submitted = getattr(data, "submitted_materials", None) or []
        case = find_case(getattr(data, "__context__", None))
        if not submitted or case is None:
            return
        names = {m["name"] for m in case.item_version_data()["data"]["materials"] or ()}
        unknown = [name for name in submitted if name not in names]
        if unknown:
            raise validation.FieldInvalid(
                "submitted_materials",
                zh(_("label_submitted_materials", default="已提交材料")),
                zh(_("case_error_materials_not_listed", default="不在该事项申请材料清单中：${materials}"),
                   materials="、".join(unknown)),
            )


@implementer(IApplication)
class Application(Item):
    def __setattr__(self, name, value):
        # R2.3: a lower-case check x is accepted and stored upper-case.
        if name == "id_number" and value:
            value = normalize_id_number(value)
        super().__setattr__(name, value)

    def missing_materials(self):
        """Mandatory materials of the item not yet submitted: the one-time notice's list."""
        case = find_case(self)
        materials = case.item_version_data()["data"]["materials"] or ()
        submitted = set(self.submitted_materials or ())
        return [m["name"] for m in materials if m["mandatory"] and m["name"] not in submitted]


def title_application(application, event):
    if not application.title:
        application.title = zh(_("case_application_title", default="申请（${name}）"),
                               name=application.applicant_name)
