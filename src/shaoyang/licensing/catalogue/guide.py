"""The service guide (服务指南) of an item: the 21 sections of rule R1.5, in the law's order.

One function builds the sections; the public page and the REST endpoint both render it, so
the two can never disagree.
"""

from shaoyang.licensing import _
from shaoyang.licensing.catalogue.item import FLOWS
from shaoyang.licensing.catalogue.item import KINDS
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh
from zope.i18n import translate


# The titles as text: the guide is plain data (REST serves it, the page shows it as is).
SECTION_TITLES = (
    ("scope", zh(_("cat_guide_scope", default="适用范围"))),
    ("item_info", zh(_("cat_guide_item_info", default="项目信息"))),
    ("review_type", zh(_("cat_guide_review_type", default="事项审查类型"))),
    ("legal_basis", zh(_("cat_guide_legal_basis", default="审批依据"))),
    ("accepting_agency", zh(_("cat_guide_accepting_agency", default="受理机构"))),
    ("deciding_agency", zh(_("cat_guide_deciding_agency", default="决定机构"))),
    ("quantity", zh(_("cat_guide_quantity", default="审批数量"))),
    ("conditions", zh(_("cat_guide_conditions", default="申请条件"))),
    ("materials", zh(_("cat_guide_materials", default="申请材料"))),
    ("submission", zh(_("cat_guide_submission", default="申请材料提交"))),
    ("process", zh(_("cat_guide_process", default="办理基本流程"))),
    ("method", zh(_("cat_guide_method", default="办理方式"))),
    ("time_limit", zh(_("cat_guide_time_limit", default="办结时限"))),
    ("fee", zh(_("cat_guide_fee", default="收费依据及标准"))),
    ("result", zh(_("cat_guide_result", default="审批结果"))),
    ("delivery", zh(_("cat_guide_delivery", default="结果送达"))),
    ("rights", zh(_("cat_guide_rights", default="申请人权利和义务"))),
    ("consultation", zh(_("cat_guide_consultation", default="咨询途径"))),
    ("complaints", zh(_("cat_guide_complaints", default="监督投诉渠道"))),
    ("office", zh(_("cat_guide_office", default="办公地址和时间"))),
    ("public_query", zh(_("cat_guide_public_query", default="公开查询"))),
)

FORM_NAMES = {
    "original": _("cat_guide_form_original", default="原件"),
    "copy": _("cat_guide_form_copy", default="复印件"),
}


def _term_title(vocabulary, value):
    try:
        return translate(vocabulary.getTerm(value).title, target_language="zh_CN")
    except LookupError:
        return value or ""


def _materials(item):
    return [
        {
            "name": m["name"],
            "form": zh(FORM_NAMES[m["form"]]),
            "count": m["count"],
            "mandatory": zh(_("cat_guide_mandatory", default="必要"))
            if m["mandatory"]
            else zh(_("cat_guide_deferrable", default="容缺后补")),
        }
        for m in item.materials or ()
    ]


def _process(item):
    steps = [
        zh(_("cat_guide_step_apply", default="申请")),
        zh(_("cat_guide_step_accept", default="受理（当场受理或一次性告知补正材料，5个工作日内）")),
        zh(_("cat_guide_step_review", default="审查")),
    ]
    if item.flow == "joint":
        joint = "、".join(department_name(c) for c in item.joint_agencies or ())
        steps.append(zh(_("cat_guide_step_joint", default="共同审批（${joint}）"), joint=joint))
    steps += [
        zh(_("cat_guide_step_decide", default="决定")),
        zh(_("cat_guide_step_deliver", default="送达（准予许可的10个工作日内颁发证照）")),
    ]
    return steps


def guide_sections(item, portal_url=""):
    """``[{"id", "title", "content"}]`` with the 21 sections in order (R1.5), plus appendices."""
    accepting = department_name(item.accepting_agency)
    deciding = department_name(item.deciding_agency)
    content = {
        "scope": zh(
            _("cat_guide_scope_text", default="适用于在邵阳市行政区域内申请“${title}”的自然人、法人和其他组织。"),
            title=item.title,
        ),
        "item_info": {
            "name": item.title,
            "kind": _term_title(KINDS, item.kind),
            "item_code": item.item_code,
            "implementation_code": item.implementation_code,
            "agency": department_name(item.agency),
            "level": item.level,
        },
        "review_type": item.review_type or zh(_("cat_guide_review_type_default", default="前审后批")),
        "legal_basis": item.legal_basis,
        "accepting_agency": accepting,
        "deciding_agency": deciding,
        "quantity": item.quantity_limit,
        "conditions": item.conditions,
        "materials": _materials(item),
        "submission": zh(
            _("cat_guide_submission_text", default="可通过窗口现场提交，或通过湖南政务服务网在线提交电子材料；纸质材料使用A4纸。")
        ),
        "process": _process(item),
        "method": _term_title(FLOWS, item.flow),
        "time_limit": {
            "statutory_days": item.statutory_days,
            "promised_days": item.promised_days,
            "text": zh(
                _("cat_guide_time_limit_text", default="法定办结时限${statutory}个工作日，承诺办结时限${promised}个工作日。"),
                statutory=item.statutory_days,
                promised=item.promised_days,
            ),
        },
        "fee": (
            {"charged": True, "basis": item.fee_basis, "standard": item.fee_standard}
            if item.fee_standard
            else {"charged": False, "text": zh(_("cat_guide_no_fee", default="不收费"))}
        ),
        "result": {
            "name": item.result_name,
            "validity": item.validity or zh(_("cat_guide_validity_default", default="长期")),
        },
        "delivery": zh(_("cat_guide_delivery_text", default="窗口领取、邮寄送达或电子送达，由申请人选择。")),
        "rights": zh(
            _("cat_guide_rights_text", default="申请人依法享有陈述、申辩、听证、申请行政复议和提起行政诉讼的权利；应如实提交有关材料，对申请材料实质内容的真实性负责。")
        ),
        "consultation": item.contact or "",
        "complaints": zh(
            _("cat_guide_complaints_text", default="邵阳市12345政务服务便民热线；${deciding}监督投诉电话。"),
            deciding=deciding,
        ),
        "office": zh(
            _("cat_guide_office_text", default="${accepting}政务服务窗口，法定工作日上午8:00-12:00，下午14:30-17:30。"),
            accepting=accepting,
        ),
        "public_query": zh(
            _("cat_guide_public_query_text", default="凭受理编号和查询码在邵阳市行政许可档案管理系统查询办理进度：${portal_url}"),
            portal_url=portal_url,
        ),
    }
    sections = [{"id": sid, "title": title, "content": content[sid]} for sid, title in SECTION_TITLES]
    return {
        "sections": sections,
        "appendices": [
            {
                "id": "sample_forms",
                "title": zh(_("cat_guide_sample_forms", default="申请表格及示范文本")),
                "content": [m["name"] for m in _materials(item)],
            },
            {
                "id": "flow_chart",
                "title": zh(_("cat_guide_flow_chart", default="办理流程图")),
                "content": _process(item),
            },
        ],
    }
