"""Generate notices at the steps that need them, store them in the case, journal them.

``after_transition`` subscribes to the case's IAfterTransitionEvent (after the workflow's own
handler, which journals the step and stores the rejection reasons). Each notice is a new
``Notice`` in the case; nothing is ever regenerated in place: ``correct`` makes a new version
with its reason and leaves the old one, marked as superseded.
"""

from Acquisition import aq_base
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.case.classification import classification_mark
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.records import DELIVERY_METHODS
from shaoyang.licensing.departments import department
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.notices import kinds
from shaoyang.licensing.notices.render import fill
from shaoyang.licensing.notices.render import text_of
from shaoyang.licensing.chain.parameters import check_parameters
from shaoyang.licensing.case.due_dates import case_clocks

import datetime
import hashlib
import logging


logger = logging.getLogger(__name__)

TEMPLATE_FOLDER_RECORD = "shaoyang.licensing.notices.template_folder"
DEFAULT_TEMPLATE_FOLDER = "notice-templates"
BUILTIN = _("doc_builtin_template", default="内置模板")  # zh() where it becomes a label: labels are stored


def _records(case, portal_type):
    return [obj for obj in case.objectValues() if getattr(obj, "portal_type", None) == portal_type]


def _user_fullname():
    user = api.user.get_current()
    if user is None:
        return ""
    return user.getProperty("fullname", "") or user.getId() or ""


def _decision_facts(decision):
    if decision is None:
        return None
    names = ("outcome", "document_number", "decision_date", "reasons", "remedies", "certificate_name",
             "certificate_number", "valid_from", "valid_until", "title")
    return {name: getattr(decision, name, None) for name in names}


def case_facts(case, parameters=None):
    """Everything the texts need, read from the case now (plus the step's parameters)."""
    parameters = dict(parameters or {})
    item = case.item_version_data()["data"]
    accepting, deciding = department(item["accepting_agency"]), department(item["deciding_agency"])
    applications = _records(case, "Application")
    application = applications[-1] if applications else None
    decision = case.get(parameters["decision"]) if parameters.get("decision") else None
    facts = {
        "receipt_number": case.receipt_number,
        "query_code": getattr(case, "query_code", None),
        "year": case.year,
        "item_title": item.get("title") or case.item().title,
        "legal_basis": item.get("legal_basis"),
        "promised_days": item.get("promised_days"),
        "statutory_days": item.get("statutory_days"),
        "contact": item.get("contact"),
        "accepting_name": accepting["name"],
        "accepting_prefix": accepting["doc_prefix"],
        "deciding_name": deciding["name"],
        "deciding_prefix": deciding["doc_prefix"],
        "applicant_name": application.applicant_name if application else None,
        "address": getattr(application, "address", None) if application else None,
        "received_date": (application.received_date if application else None) or case.received_date,
        "decision": _decision_facts(decision),
        "actor_name": _user_fullname(),
    }
    if parameters.get("delivery") and parameters["delivery"] in case:
        delivery = case[parameters["delivery"]]
        facts["delivery"] = {
            "recipient": delivery.recipient,
            "method_title": term_title(DELIVERY_METHODS, delivery.method),
            "delivery_date": delivery.delivery_date,
            "receipt_note": delivery.receipt_note,
        }
    for name in ("missing_materials", "rejection", "suspension", "extension"):
        if name in parameters:
            facts[name] = parameters[name]
    return facts


def template_for(agency, kind):
    """(docx bytes or None, label): the agency's uploaded template for this kind, else the
    site-wide one for the kind, else None (the built-in)."""
    path = api.portal.get_registry_record(TEMPLATE_FOLDER_RECORD, default=None) or DEFAULT_TEMPLATE_FOLDER
    folder = api.portal.get().unrestrictedTraverse(path.strip("/"), None)
    if folder is None:
        return None, zh(BUILTIN)
    for name in (f"{agency}-{kind}.docx", f"{kind}.docx"):
        obj = folder.get(name) if hasattr(aq_base(folder), "get") else None
        named_file = getattr(obj, "file", None) if obj is not None else None
        if named_file is not None and named_file.data:
            return named_file.data, "/".join(obj.getPhysicalPath()[2:])
    return None, zh(BUILTIN)


def render(kind, facts, number, date, agency, version=1, correction_reason=None):
    """(docx bytes, template label). A broken agency template falls back to the built-in,
    said in the label: the step must not fail because of a bad upload."""
    values, body = kinds.compose(kind, facts, number, date, version, correction_reason)
    template, label = template_for(agency, kind)
    if template is not None:
        try:
            return fill(template, values, body), label
        except Exception as error:  # an unreadable upload: log it and use the built-in
            logger.exception("notice template %s unusable", label)
            label = zh(_("doc_builtin_template_instead", default="内置模板（${template} 无法使用：${error}）"),
                       template=label, error=type(error).__name__)
    return fill(None, values, body), label


def _occurrence(case, kind):
    return 1 + sum(1 for n in _records(case, "Notice") if n.notice_kind == kind and (n.version or 1) == 1)


def _store(case, kind, number, parameters, transition, version=1, reason=None, supersedes=None, base_id=None):
    """Create the Notice (classification defaults from the case), render and attach its file."""
    today = datetime.date.today()
    occurrence = _occurrence(case, kind) if version == 1 else None
    base_id = base_id or f"{kind}-{occurrence}"
    new_id = base_id if version == 1 else f"{base_id}-v{version}"
    notice = createContentInContainer(case, "Notice", checkConstraints=False, id=new_id)
    notice.notice_kind, notice.notice_date, notice.version = kind, today, version
    notice.transition, notice.correction_reason, notice.supersedes = transition, reason, supersedes
    notice.parameters = dict(parameters)
    facts = case_facts(case, parameters)
    facts["mark"] = classification_mark(notice.classification, notice.secrecy_period)
    if number is None:
        number = kinds.notice_number(kind, facts, occurrence)
    notice.notice_number = number
    agency_key = "accepting_agency" if kinds.KINDS[kind][1] == "accepting" else "deciding_agency"
    agency = case.item_version_data()["data"][agency_key]
    data, notice.template = render(kind, facts, number, today, agency, version, reason)
    filename = f"{kinds.title(kind)}-{case.receipt_number}-{occurrence or base_id.rsplit('-', 1)[-1]}-v{version}.docx"
    notice.file = NamedBlobFile(
        data, contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=filename,
    )
    notice.sha256 = hashlib.sha256(data).hexdigest()
    notice.sm3 = hashlib.new("sm3", data).hexdigest()
    notice.text = text_of(data)
    notice.title = f"{kinds.title(kind)}（{number}）" + (
        zh(_("doc_notice_title_version", default="（第${version}版）"), version=version) if version > 1 else "")
    notice.reindexObject()
    summary = zh(_("doc_journal_notice", default="生成文书：${title}"), title=notice.title) + (
        zh(_("doc_journal_notice_correction", default="，更正原因：${reason}"), reason=reason) if reason else "")
    journal.record(case, "document", summary, {
        "kind": kind, "number": number, "version": version, "path": "/".join(notice.getPhysicalPath()),
        "transition": transition, "template": notice.template, "sha256": notice.sha256, "sm3": notice.sm3,
        "classification": notice.classification, "correction_reason": reason, "supersedes": supersedes,
    })
    return notice


def issue(case, kind, parameters=None, transition=None):
    """A first issue of ``kind`` on ``case``; returns the new Notice."""
    return _store(case, kind, None, parameters or {}, transition)


def correct(notice, reason):
    """A corrected version of ``notice`` (the latest one): same kind and number, next version,
    re-rendered from the case as it is now; the old version stays and names its successor."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValueError(zh(_("doc_error_correction_reason_missing", default="更正文书须写明更正原因")))
    if notice.superseded_by:
        raise ValueError(zh(_("doc_error_notice_superseded", default="该文书已被更正为 ${notice}，请更正最新版本"),
                            notice=notice.superseded_by))
    case = find_case(notice)
    base_id = notice.getId().rsplit("-v", 1)[0] if notice.version and notice.version > 1 else notice.getId()
    new = _store(case, notice.notice_kind, notice.notice_number, notice.parameters or {}, notice.transition,
                 version=(notice.version or 1) + 1, reason=reason, supersedes=notice.getId(), base_id=base_id)
    notice.superseded_by = new.getId()
    notice.reindexObject()
    return new


def _latest(case, portal_type):
    records = _records(case, portal_type)
    return records[-1] if records else None


def after_transition(case, event):
    """Subscriber: the notice of the step just taken, if it has one."""
    if event.transition is None:
        return
    transition = event.transition.id
    params = check_parameters(transition, event.kwargs or {})
    if transition == "accept":
        issue(case, "receipt", transition=transition)
    elif transition == "request_correction":
        applications = _records(case, "Application")
        if applications:
            missing = applications[-1].missing_materials()
        else:
            missing = [m["name"] for m in case.item_version_data()["data"]["materials"] or () if m["mandatory"]]
        issue(case, "correction", {"missing_materials": list(missing)}, transition)
    elif transition == "reject_application":
        rejection = dict(getattr(case, "rejection", None) or params)
        issue(case, "rejection", {"rejection": rejection}, transition)
    elif transition == "suspend" and params.get("reason") == "hearing":
        issue(case, "hearing", {"suspension": dict(params)}, transition)
    elif transition == "decide":
        decision = _latest(case, "Decision")
        if decision is not None:
            kind = "grant" if decision.outcome == "grant" else "refusal"
            issue(case, kind, {"decision": decision.getId()}, transition)
    elif transition == "deliver":
        delivery, decision = _latest(case, "Delivery"), _latest(case, "Decision")
        parameters = {"delivery": delivery.getId() if delivery else None,
                      "decision": decision.getId() if decision else None}
        issue(case, "delivery", parameters, transition)


def case_extended(event):
    """Subscriber: the 延期通知书, with the new due day of the decision clock (R3.2)."""

    case = event.object
    decision = next((c for c in case_clocks(case) if c["kind"] == "decision"), None)
    due = datetime.date.fromisoformat(decision["due"]) if decision else None
    issue(case, "extension", {"extension": {**event.extension, "due": due}}, "extension")
