"""What each notice says: its number, issuer, addressee and body, from plain facts.

``facts`` is a dict gathered from the case by ``generate.case_facts`` (or made up by the
preview); nothing here asks the site, so the texts are easy to read and test.
"""

from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.records import DECISION_DOCUMENTS
from shaoyang.licensing.notices.render import Table


# kind → (title, which agency issues it, the 机关代字 suffix of its number)
KINDS = {
    "receipt": ("受理通知书", "accepting", "受"),
    "correction": ("补正材料通知书", "accepting", "补"),
    "rejection": ("不予受理决定书", "accepting", "不受"),
    "grant": (term_title(DECISION_DOCUMENTS, "grant"), "deciding", None),  # the decision's own 文号
    "refusal": (term_title(DECISION_DOCUMENTS, "refusal"), "deciding", None),
    "hearing": ("听证告知书", "deciding", "听告"),
    "delivery": ("送达回证", "deciding", "送"),
    "extension": ("延期通知书", "deciding", "延"),
}

LAW = "《中华人民共和国行政许可法》"
DEFAULT_REMEDIES = (
    "如不服本决定，可自收到本决定书之日起六十日内向邵阳市人民政府申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)


def title(kind):
    return KINDS[kind][0]


def chinese_date(value):
    """2026年5月4日 (GB/T 9704-2012: Arabic numerals, no leading zeros)."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def notice_number(kind, facts, occurrence=1):
    """邵审批受〔2026〕XZSP-2026-00001号; the decision's 文号 for decisions.

    A second notice of the same kind on the same case (a second correction request) gets
    ``-2`` after the receipt number, so numbers stay unique.
    """
    if kind in ("grant", "refusal"):
        return facts["decision"]["document_number"]
    _, issuer, code = KINDS[kind]
    prefix = facts[f"{issuer}_prefix"]
    serial = facts["receipt_number"] + (f"-{occurrence}" if occurrence > 1 else "")
    return f"{prefix}{code}〔{facts['year']}〕{serial}号"


def _applied(facts):
    received = chinese_date(facts.get("received_date"))
    return f"你（单位）于{received}提出的{facts['item_title']}申请（受理编号：{facts['receipt_number']}）"


def body(kind, facts):
    """The paragraphs (and tables) of the notice's text."""
    applied = _applied(facts)
    if kind == "receipt":
        return [
            f"{applied}，申请材料齐全、符合法定形式。根据{LAW}第三十二条第一款第（五）项的规定，本机关决定予以受理。",
            f"本机关将自受理之日起{facts['promised_days']}个工作日内作出行政许可决定"
            f"（法定期限{facts['statutory_days']}个工作日）。依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，"
            "所需时间不计算在上述期限内，本机关将另行书面告知。",
            *([f"凭受理编号{facts['receipt_number']}和查询码{facts['query_code']}，可在本机关网站“办件查询”栏目查询办理进度。"]
              if facts.get("query_code") else []),
            f"咨询电话：{facts.get('contact') or '（略）'}。",
        ]
    if kind == "correction":
        missing = facts["missing_materials"]
        return [
            f"{applied}，经审查，申请材料不齐全或者不符合法定形式。根据{LAW}第三十二条第一款第（四）项的规定，"
            f"现一次性告知你（单位）需要补正的全部材料（共{len(missing)}项）：",
            *[f"{number}. {name}" for number, name in enumerate(missing, 1)],
            "请你（单位）补正上述全部材料后再次提交。本机关自收到全部补正材料之日起受理。",
        ]
    if kind == "rejection":
        rejection = facts["rejection"]
        return [
            f"{applied}，经审查：{rejection['reason'].rstrip('。')}。根据{LAW}第三十二条第一款的规定，本机关决定不予受理。",
            f"请你（单位）向{rejection['competent_body']}提出申请。",
            DEFAULT_REMEDIES,
        ]
    if kind == "grant":
        decision = facts["decision"]
        validity = ""
        if decision.get("valid_from") or decision.get("valid_until"):
            validity = f"，有效期自{chinese_date(decision.get('valid_from'))}至{chinese_date(decision.get('valid_until'))}"
        parts = [
            f"{applied}，经审查，符合法定条件、标准。根据{facts.get('legal_basis') or '有关法律法规'}和{LAW}"
            "第三十八条第一款的规定，本机关决定准予行政许可。",
        ]
        if decision.get("reasons"):
            parts.append(decision["reasons"])
        parts.append(
            f"本机关向你（单位）颁发《{decision['certificate_name']}》，证照编号："
            f"{decision.get('certificate_number') or '（颁证时填写）'}{validity}。"
        )
        parts.append(f"根据{LAW}第四十条的规定，本决定予以公开，公众有权查阅。")
        return parts
    if kind == "refusal":
        decision = facts["decision"]
        return [
            f"{applied}，经审查，不符合法定条件、标准，理由如下：",
            decision["reasons"],
            f"根据{LAW}第三十八条第二款的规定，本机关决定不予行政许可。",
            decision.get("remedies") or DEFAULT_REMEDIES,
        ]
    if kind == "hearing":
        suspension = facts["suspension"]
        return [
            f"{applied}，{suspension['notice'].rstrip('。')}。",
            f"根据{LAW}第四十六条、第四十七条的规定，你（单位）享有要求听证的权利。如要求听证，请在被告知听证权利之日起五日内"
            "向本机关提出书面申请；本机关将在收到申请之日起二十日内组织听证。逾期未提出的，视为放弃听证。",
            f"根据{LAW}第四十五条的规定，听证所需时间（预计{suspension['expected_days']}个工作日）不计算在行政许可期限内。",
        ]
    if kind == "extension":
        extension = facts["extension"]
        return [
            f"{applied}，因{extension['reason'].rstrip('。')}，本机关不能在规定期限内作出行政许可决定。",
            f"经本机关负责人批准，根据{LAW}第四十二条第一款的规定，决定将作出行政许可决定的期限延长"
            f"{extension['days']}个工作日，延长后的期限为{chinese_date(extension.get('due'))}。",
            "特此告知。",
        ]
    if kind == "delivery":
        delivery, decision = facts["delivery"], facts.get("decision") or {}
        document = f"{decision.get('title') or '行政许可决定书'}"
        return [
            Table([
                ("送达文书", document),
                ("受送达人", delivery["recipient"]),
                ("送达方式", delivery["method_title"]),
                ("送达日期", chinese_date(delivery.get("delivery_date"))),
                ("送达地点", facts.get("address") or ""),
                ("受送达人签收", "\u3000" * 8 + "年\u3000\u3000月\u3000\u3000日"),
                ("送达人", facts.get("actor_name") or ""),
                ("备注", delivery.get("receipt_note") or ""),
            ]),
        ]
    raise KeyError(kind)


def compose(kind, facts, number, date, version=1, correction_reason=None):
    """(placeholder values, body) of one notice."""
    issuer = KINDS[kind][1]
    values = {
        "mark": facts.get("mark") or "",
        "title": title(kind),
        "number": number,
        "addressee": "" if kind == "delivery" else facts.get("applicant_name") or "申请人",
        "agency": facts[f"{issuer}_name"],
        "date": chinese_date(date),
        "seal": "【印章】",
        "version": (
            f"（更正件，第{version}版。更正原因：{correction_reason}。原件同时作废。）" if version > 1 else ""
        ),
    }
    return values, body(kind, facts)
