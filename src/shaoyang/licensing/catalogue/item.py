"""LicensingItem: one entry of the catalogue (rules R1.1–R1.4, R2.1)."""

from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from shaoyang.licensing import _
from shaoyang.licensing import validation
from shaoyang.licensing.departments import all_departments
from shaoyang.licensing.i18n import zh
from zope import schema
from zope.interface import implementer
from zope.schema import getFieldNamesInOrder
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import json


SHAOYANG_DIVISION_CODE = "430500"

KINDS = SimpleVocabulary(
    [
        SimpleTerm("licensing", "licensing", _("kind_licensing", default="行政许可")),
        SimpleTerm("public_service", "public_service", _("kind_public_service", default="公共服务")),
    ]
)
KIND_CODE = {"licensing": "XK", "public_service": "GG"}
FLOWS = SimpleVocabulary(
    [
        SimpleTerm("single", "single", _("flow_single", default="单一审批流程")),
        SimpleTerm("joint", "joint", _("flow_joint", default="共同审批流程")),
    ]
)

MATERIALS_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "form": {"enum": ["original", "copy"]},
                "count": {"type": "integer", "minimum": 1},
                "mandatory": {"type": "boolean"},
            },
            "required": ["name", "form", "count", "mandatory"],
            "additionalProperties": False,
        },
    }
)
LINES_SCHEMA = json.dumps({"type": "array", "items": {"type": "string", "minLength": 1}})


class ILicensingItem(model.Schema):
    """The elements of an item (R1.1). Codes are stored as segments (R2.1)."""

    title = schema.TextLine(title=_("label_item_name", default="事项名称"))
    kind = schema.Choice(title=_("label_item_kind", default="事项类型"), vocabulary=KINDS)
    code_main = schema.TextLine(
        title=_("label_code_main", default="主项编码（5位）"), constraint=validation.digits(5)
    )
    code_sub = schema.TextLine(
        title=_("label_code_sub", default="子项编码（3位，无子项为000）"),
        constraint=validation.digits(3),
        default="000",
    )
    division_code = schema.TextLine(
        title=_("label_division_code", default="行政区划代码"),
        constraint=validation.digits(6),
        default=SHAOYANG_DIVISION_CODE,
    )
    agency = schema.Choice(
        title=_("label_agency", default="实施机关"), vocabulary="shaoyang.licensing.Departments"
    )
    agency_credit_code = schema.TextLine(
        title=_("label_agency_credit_code", default="实施机关统一社会信用代码"),
        description=_("help_agency_credit_code", default="留空则取实施机关的代码"),
        constraint=validation.credit_code,
        required=False,
    )
    accepting_agency = schema.Choice(
        title=_("label_accepting_agency", default="受理机构"),
        vocabulary="shaoyang.licensing.Departments",
    )
    deciding_agency = schema.Choice(
        title=_("label_deciding_agency", default="决定机构"),
        vocabulary="shaoyang.licensing.Departments",
    )
    legal_basis = schema.Text(title=_("label_legal_basis", default="设定依据"))
    level = schema.TextLine(
        title=_("label_level", default="审批层级"), default=zh(_("cat_level_city", default="市级"))
    )
    review_type = schema.TextLine(title=_("label_review_type", default="事项审查类型"), required=False)
    conditions = schema.Text(title=_("label_conditions", default="申请条件"))
    flow = schema.Choice(title=_("label_flow", default="办理流程"), vocabulary=FLOWS, default="single")
    joint_agencies = schema.List(
        title=_("label_joint_agencies", default="共同审批部门"),
        value_type=schema.Choice(vocabulary="shaoyang.licensing.Departments"),
        required=False,
        default=[],
    )
    statutory_days = schema.Int(title=_("label_statutory_days", default="法定时限（工作日）"), min=1)
    promised_days = schema.Int(title=_("label_promised_days", default="承诺时限（工作日）"), min=1)
    fee_basis = schema.Text(title=_("label_fee_basis", default="收费依据"), required=False)
    fee_standard = schema.Text(
        title=_("label_fee_standard", default="收费标准"),
        description=_("help_fee_standard", default="不收费则留空"),
        required=False,
    )
    quantity_limit = schema.TextLine(
        title=_("label_quantity_limit", default="数量限制"),
        default=zh(_("cat_no_quantity_limit", default="无数量限制")),
    )
    result_name = schema.TextLine(title=_("label_result_name", default="结果名称（证照）"))
    validity = schema.TextLine(title=_("label_validity", default="有效期"), required=False)
    materials = JSONField(
        title=_("label_materials", default="申请材料"),
        schema=MATERIALS_SCHEMA,
        default=[],
        required=False,
    )
    review_points = JSONField(
        title=_("label_review_points", default="审查要点"),
        schema=LINES_SCHEMA,
        default=[],
        required=False,
    )
    contact = schema.TextLine(title=_("label_contact", default="咨询电话"), required=False)
    change_reason = schema.TextLine(
        title=_("label_change_reason", default="变更原因"),
        description=_("help_change_reason", default="修改事项时必填：每次变更生成新版本"),
        required=False,
    )

    @invariant
    def promised_within_statutory(data):
        """R1.2: the promised limit may not exceed the statutory one."""
        promised, statutory = getattr(data, "promised_days", None), getattr(data, "statutory_days", None)
        if promised and statutory and promised > statutory:
            raise validation.FieldInvalid(
                "promised_days",
                zh(_("cat_label_promised_limit", default="承诺时限")),
                zh(
                    _("cat_promised_over_statutory", default="承诺时限（${promised}个工作日）不得超过法定时限（${statutory}个工作日）"),
                    promised=promised,
                    statutory=statutory,
                ),
            )

    @invariant
    def fee_needs_basis(data):
        """R1.3: a fee needs a legal basis (行政许可法 Art. 58)."""
        if getattr(data, "fee_standard", None) and not getattr(data, "fee_basis", None):
            raise validation.FieldInvalid(
                "fee_basis",
                zh(_("label_fee_basis", default="收费依据")),
                zh(_("cat_fee_needs_basis", default="收取费用必须有法定收费依据")),
            )

    @invariant
    def change_has_reason(data):
        """R1.4: every change of an existing item is recorded with why."""
        require_reason_for_change(data)

    @invariant
    def joint_flow_names_agencies(data):
        if getattr(data, "flow", None) == "joint" and not getattr(data, "joint_agencies", None):
            raise validation.FieldInvalid(
                "joint_agencies",
                zh(_("label_joint_agencies", default="共同审批部门")),
                zh(_("cat_joint_flow_needs_agencies", default="共同审批流程须列明参与审批的部门")),
            )


@implementer(ILicensingItem)
class LicensingItem(Item):
    """An item of the catalogue. ``versions`` holds every version as filed (R1.4)."""

    @property
    def code_type(self):
        return KIND_CODE.get(self.kind, "XK")

    @property
    def item_code(self):
        """The basic code, e.g. ``XK00012000`` (R2.1)."""
        return f"{self.code_type}{self.code_main}{self.code_sub}"

    @property
    def effective_credit_code(self):
        return self.agency_credit_code or all_departments().get(self.agency, {}).get("credit_code", "")

    @property
    def implementation_code(self):
        """Division code + implementing body's credit code + basic code (R2.1)."""
        return f"{self.division_code}{self.effective_credit_code}{self.item_code}"


# -- what versions compare (the versions themselves: catalogue/versions.py) ------------------
# Here beside the schema because its invariant asks them: the schema is what versions.py reads.

VERSIONED_FIELDS = [n for n in getFieldNamesInOrder(ILicensingItem) if n != "change_reason"]


def plain_value(value):
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    return value


def versions(item):
    return list(getattr(item, "versions", ()) or ())


def require_reason_for_change(data):
    """Invariant helper: editing an existing item needs a change reason (R1.4)."""
    item = getattr(data, "__context__", None)
    if not ILicensingItem.providedBy(item) or not versions(item):
        return
    if getattr(data, "change_reason", None):
        return
    last = versions(item)[-1]["data"]
    for name in VERSIONED_FIELDS:
        try:
            value = getattr(data, name)
        except AttributeError:
            continue
        if plain_value(value) != last.get(name):
            raise Invalid(zh(_("cat_change_needs_reason", default="变更原因：修改事项须填写变更原因，变更将生成新版本")))
