"""The service guide (服务指南) of an item: the 21 sections of rule R1.5, in the law's order.

One function builds the sections; the public page and the REST endpoint both render it, so
the two can never disagree.
"""

from shaoyang.licensing.catalogue.item import FLOWS
from shaoyang.licensing.catalogue.item import KINDS
from shaoyang.licensing.departments import department_name
from zope.i18n import translate


SECTION_TITLES = (
    ("scope", "适用范围"),
    ("item_info", "项目信息"),
    ("review_type", "事项审查类型"),
    ("legal_basis", "审批依据"),
    ("accepting_agency", "受理机构"),
    ("deciding_agency", "决定机构"),
    ("quantity", "审批数量"),
    ("conditions", "申请条件"),
    ("materials", "申请材料"),
    ("submission", "申请材料提交"),
    ("process", "办理基本流程"),
    ("method", "办理方式"),
    ("time_limit", "办结时限"),
    ("fee", "收费依据及标准"),
    ("result", "审批结果"),
    ("delivery", "结果送达"),
    ("rights", "申请人权利和义务"),
    ("consultation", "咨询途径"),
    ("complaints", "监督投诉渠道"),
    ("office", "办公地址和时间"),
    ("public_query", "公开查询"),
)

FORM_NAMES = {"original": "原件", "copy": "复印件"}


def _term_title(vocabulary, value):
    try:
        return translate(vocabulary.getTerm(value).title, target_language="zh_CN")
    except LookupError:
        return value or ""


def _materials(item):
    return [
        {
            "name": m["name"],
            "form": FORM_NAMES[m["form"]],
            "count": m["count"],
            "mandatory": "必要" if m["mandatory"] else "容缺后补",
        }
        for m in item.materials or ()
    ]


def _process(item):
    steps = ["申请", "受理（当场受理或一次性告知补正材料，5个工作日内）", "审查"]
    if item.flow == "joint":
        joint = "、".join(department_name(c) for c in item.joint_agencies or ())
        steps.append(f"共同审批（{joint}）")
    steps += ["决定", "送达（准予许可的10个工作日内颁发证照）"]
    return steps


def guide_sections(item, portal_url=""):
    """``[{"id", "title", "content"}]`` with the 21 sections in order (R1.5), plus appendices."""
    accepting = department_name(item.accepting_agency)
    deciding = department_name(item.deciding_agency)
    content = {
        "scope": f"适用于在邵阳市行政区域内申请“{item.title}”的自然人、法人和其他组织。",
        "item_info": {
            "name": item.title,
            "kind": _term_title(KINDS, item.kind),
            "item_code": item.item_code,
            "implementation_code": item.implementation_code,
            "agency": department_name(item.agency),
            "level": item.level,
        },
        "review_type": item.review_type or "前审后批",
        "legal_basis": item.legal_basis,
        "accepting_agency": accepting,
        "deciding_agency": deciding,
        "quantity": item.quantity_limit,
        "conditions": item.conditions,
        "materials": _materials(item),
        "submission": "可通过窗口现场提交，或通过湖南政务服务网在线提交电子材料；纸质材料使用A4纸。",
        "process": _process(item),
        "method": _term_title(FLOWS, item.flow),
        "time_limit": {
            "statutory_days": item.statutory_days,
            "promised_days": item.promised_days,
            "text": f"法定办结时限{item.statutory_days}个工作日，承诺办结时限{item.promised_days}个工作日。",
        },
        "fee": (
            {"charged": True, "basis": item.fee_basis, "standard": item.fee_standard}
            if item.fee_standard
            else {"charged": False, "text": "不收费"}
        ),
        "result": {"name": item.result_name, "validity": item.validity or "长期"},
        "delivery": "窗口领取、邮寄送达或电子送达，由申请人选择。",
        "rights": "申请人依法享有陈述、申辩、听证、申请行政复议和提起行政诉讼的权利；"
        "应如实提交有关材料，对申请材料实质内容的真实性负责。",
        "consultation": item.contact or "",
        "complaints": "邵阳市12345政务服务便民热线；" + f"{deciding}监督投诉电话。",
        "office": f"{accepting}政务服务窗口，法定工作日上午8:00-12:00，下午14:30-17:30。",
        "public_query": f"凭受理编号和查询码在邵阳市行政许可档案管理系统查询办理进度：{portal_url}",
    }
    sections = [{"id": sid, "title": title, "content": content[sid]} for sid, title in SECTION_TITLES]
    return {
        "sections": sections,
        "appendices": [
            {"id": "sample_forms", "title": "申请表格及示范文本", "content": [m["name"] for m in _materials(item)]},
            {"id": "flow_chart", "title": "办理流程图", "content": _process(item)},
        ],
    }
