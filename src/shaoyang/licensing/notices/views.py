"""``@@notice-preview`` (site administrators): a sample notice through the template that would be used."""

from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.departments import all_departments
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.notices import kinds
from shaoyang.licensing.notices.generate import render
from shaoyang.licensing.notices.render import builtin_template_bytes

import datetime


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Sample facts for the preview: a made-up case, clearly marked as such.
def sample_facts(agency):
    departments = all_departments()
    own = departments.get(agency) or next(iter(departments.values()), {
        "name": zh(_("doc_preview_agency_name", default="（机关名称）")),
        "doc_prefix": zh(_("doc_preview_doc_prefix", default="（代字）")),
    })
    today = datetime.date.today()
    return {
        "receipt_number": f"{agency.upper()}-{today.year}-00000",
        "year": today.year,
        "item_title": zh(_("doc_preview_item_title", default="（示例）食品经营许可")),
        "legal_basis": zh(_("doc_sample_legal_basis", default="《中华人民共和国食品安全法》第三十五条")),
        "promised_days": 10,
        "statutory_days": 20,
        "contact": "0739-0000000",
        "accepting_name": own["name"],
        "accepting_prefix": own["doc_prefix"],
        "deciding_name": own["name"],
        "deciding_prefix": own["doc_prefix"],
        "applicant_name": zh(_("doc_preview_applicant", default="（示例）邵阳市某某食品有限公司")),
        "address": zh(_("doc_preview_address", default="邵阳市双清区示例路1号")),
        "received_date": today,
        "actor_name": zh(_("doc_preview_actor", default="（示例）送达人")),
        "mark": "",
        "missing_materials": [zh(_("doc_sample_business_licence", default="营业执照")),
                              zh(_("doc_preview_material_food_safety", default="食品安全管理制度"))],
        "rejection": {"reason": zh(_("doc_sample_rejection_reason", default="申请事项依法不属于本机关职权范围")),
                      "competent_body": zh(_("doc_preview_competent_body", default="（示例）有权机关"))},
        "suspension": {"reason": "hearing", "expected_days": 15,
                       "notice": zh(_("doc_preview_hearing_notice", default="本机关拟对该申请举行听证"))},
        "decision": {
            "document_number": zh(_("doc_preview_decision_number", default="${prefix}许〔${year}〕0号"),
                                  prefix=own["doc_prefix"], year=today.year),
            "title": zh(_("doc_preview_grant_title", default="准予行政许可决定书（示例）")),
            "reasons": zh(_("doc_preview_refusal_reasons", default="（示例）申请人不具备与经营的食品品种、数量相适应的经营场所。")),
            "remedies": kinds.DEFAULT_REMEDIES,
            "certificate_name": zh(_("doc_sample_certificate_name", default="食品经营许可证")),
            "certificate_number": "JY00000000000000", "valid_from": today, "valid_until": None,
        },
        "delivery": {"recipient": zh(_("doc_preview_recipient", default="（示例）王经理")),
                     "method_title": zh(_("doc_sample_delivery_method", default="窗口领取")), "delivery_date": today,
                     "receipt_note": ""},
    }


class NoticePreview(BrowserView):
    """@@notice-preview?kind=grant&agency=scjg: a sample notice filled with made-up data through
    the template that would be used (the agency's upload if any). ``builtin=1`` gives the empty
    built-in template, the starting point for an agency's own."""

    def __call__(self):
        kind = self.request.form.get("kind", "receipt")
        agency = self.request.form.get("agency", "xzsp")
        response = self.request.response
        if self.request.form.get("builtin"):
            data, name = builtin_template_bytes(), "notice-template.docx"
        elif kind not in kinds.KINDS:
            response.setStatus(400)
            return zh(_("doc_error_unknown_notice_kind", default="未知的文书种类：${kind}；可选：${kinds}"),
                      kind=kind, kinds="、".join(kinds.KINDS))
        else:
            facts = sample_facts(agency)
            number = kinds.notice_number(kind, facts)
            data, label = render(kind, facts, number, datetime.date.today(), agency)
            name = f"preview-{agency}-{kind}.docx"
        response.setHeader("Content-Type", DOCX)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return data
