"""What goes into the case file: the records of a case in filing order, as ``Document``s.

The order is the case's own (records are added as the procedure goes: application, notices,
opinions, decision, delivery, and attachments where they were filed), which is the order of
the procedure DA/T 22-2015 asks for. Superseded notice versions stay in (the archive keeps
both) with a note. The case PDF itself, once stored, is never put into the next one.
"""

from plone import api
from plone.dexterity.schema import SCHEMA_CACHE
from shaoyang.licensing import _
from shaoyang.licensing.case.responsibility import fullname
from shaoyang.licensing.case.classification import classification_mark
from shaoyang.licensing.case.classification import LEVEL_TITLES
from shaoyang.licensing.casepdf.assemble import Document
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.notices import kinds
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IVocabularyFactory

import datetime


DOCX_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
PAGE_TYPES = ("Application", "ReviewOpinion", "Decision", "Delivery")
# Fields a record page does not print: the title is the page's heading, files are documents
# of their own, and these are bookkeeping.
SKIPPED_FIELDS = {"title", "description", "file", "extracted_text"}
RETENTION_RECORD = "shaoyang.licensing.casepdf.retention_period"
RETENTION = {  # DA/T 22-2015 codes; zh() in retention(), where the title becomes the cover's text
    "Y": _("doc_retention_permanent", default="永久"),
    "D30": _("doc_retention_30_years", default="定期30年"),
    "D10": _("doc_retention_10_years", default="定期10年"),
}
CASE_PDF_MARK = "casepdf_generated"


def chinese_date(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    return kinds.chinese_date(value) if isinstance(value, datetime.date) else ""


def _format(record, field, value):
    if value is None or value == "" or value == [] or value == ():
        return ""
    if isinstance(value, bool):
        return zh(_("doc_yes", default="是")) if value else zh(_("doc_no", default="否"))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return chinese_date(value)
    if ICollection.providedBy(field):
        return "、".join(_format(record, field.value_type, v) for v in value)
    if IChoice.providedBy(field):
        vocabulary = field.vocabulary
        if vocabulary is None and field.vocabularyName:
            factory = queryUtility(IVocabularyFactory, field.vocabularyName)
            vocabulary = factory(record) if factory else None
        try:
            term = vocabulary.getTerm(value) if vocabulary is not None else None
        except LookupError:
            term = None
        if term is not None and term.title:
            return translate(term.title, target_language="zh_CN")
    return str(value)


def record_fields(record):
    """(label, value) of the record's own schema, in schema order, empty values left out."""
    rows = []
    for name, field in getFieldsInOrder(SCHEMA_CACHE.get(record.portal_type)):  # the type's own schema
        if name in SKIPPED_FIELDS:
            continue
        text = _format(record, field, getattr(record, name, None))
        if name == "signer" and text:
            text = f"{fullname(text)}（{text}）"
        if text:
            rows.append((translate(field.title, target_language="zh_CN"), text))
    if record.portal_type == "Application":
        missing = record.missing_materials()
        rows.append((zh(_("doc_label_missing_materials", default="尚缺材料")),
                     "、".join(missing) if missing else zh(_("doc_none", default="无"))))
    level = getattr(record, "classification", None)
    rows.append((zh(_("doc_label_classification", default="密级")),
                 classification_mark(level, getattr(record, "secrecy_period", None))
                 or LEVEL_TITLES.get(level, level or "")))
    return rows


def _created(record):
    created = record.created()
    return created.asdatetime().date() if created else None


def _applicant(case):
    applications = [o for o in case.objectValues() if getattr(o, "portal_type", None) == "Application"]
    return applications[-1].applicant_name if applications else ""


def _heading(case, record):
    mark = classification_mark(getattr(record, "classification", None), getattr(record, "secrecy_period", None))
    number = zh(_("doc_heading_receipt_number", default="受理编号：${number}"), number=case.receipt_number)
    return "　".join(part for part in (mark, number) if part)


def _notice(case, notice, agencies):
    agency = agencies["accepting" if kinds.KINDS.get(notice.notice_kind, ("", "accepting"))[1] == "accepting"
                      else "deciding"]
    notes = []
    if (notice.version or 1) > 1:
        notes.append(zh(_("doc_note_notice_version", default="第${version}版，更正原因：${reason}"),
                        version=notice.version, reason=notice.correction_reason))
    if notice.superseded_by:
        notes.append(zh(_("doc_note_superseded", default="已被更正为${notice}"), notice=notice.superseded_by))
    data = notice.file.data if notice.file is not None else None
    return Document(notice.title, "docx" if data else "none", data=data, number=notice.notice_number or "",
                    responsible=agency, date=notice.notice_date,
                    notes=notes if data else notes + [zh(_("doc_note_notice_file_missing", default="文书文件缺失"))])


def _attachment(case, attachment):
    named = attachment.file
    title = attachment.title or (named.filename if named else attachment.getId())
    responsible = _applicant(case) if attachment.material_name else fullname(attachment.Creator())
    common = {"responsible": responsible, "date": _created(attachment)}
    if named is None or not named.size:
        return Document(title, "none", notes=[zh(_("doc_note_file_empty", default="文件为空，未编入"))], **common)
    data = named.data
    name = (named.filename or "").lower()
    if b"%PDF-" in data[:1024]:
        return Document(title, "pdf", data=data, **common)
    if name.endswith(".docx") or named.contentType in DOCX_TYPES:
        return Document(title, "docx", data=data, **common)
    suffix = name.rsplit(".", 1)[-1] if "." in name else named.contentType
    note = zh(_("doc_note_not_pdf_or_docx", default="不是PDF或DOCX文件（${suffix}），未编入；原件存于案卷"), suffix=suffix)
    return Document(title, "none", notes=[note], **common)


def documents(case):
    """The case's documents in order, ready for ``assemble``."""
    item = case.item_version_data()["data"]
    agencies = {"accepting": department_name(item["accepting_agency"]),
                "deciding": department_name(item["deciding_agency"])}
    found = []
    for record in case.objectValues():
        portal_type = getattr(record, "portal_type", None)
        if portal_type == "Notice":
            found.append(_notice(case, record, agencies))
        elif portal_type == "Attachment":
            if getattr(record, CASE_PDF_MARK, False):
                continue
            found.append(_attachment(case, record))
        elif portal_type in PAGE_TYPES:
            date = {"Application": "received_date", "ReviewOpinion": "opinion_date",
                    "Decision": "decision_date", "Delivery": "delivery_date"}[portal_type]
            responsible = {"Application": lambda: record.applicant_name,
                           "ReviewOpinion": lambda: fullname(record.signer),
                           "Decision": lambda: agencies["deciding"],
                           "Delivery": lambda: agencies["accepting"]}[portal_type]()
            # The decision record is what the 决定书 notice was made from; its page is titled
            # apart, so the catalogue does not list two documents under one name.
            title = (zh(_("doc_decision_record_title", default="许可决定记录（${number}）"),
                        number=record.document_number) if portal_type == "Decision" else record.title)
            found.append(Document(title, "page", fields=record_fields(record), heading=_heading(case, record),
                                  number=getattr(record, "document_number", None) or "", responsible=responsible,
                                  date=getattr(record, date, None)))
    return found


def retention(case):
    """保管期限: the case's own ``retention_period`` if set, else the registry record
    ``shaoyang.licensing.casepdf.retention_period`` if a site defines it, else D30."""
    code = getattr(case, "retention_period", None)
    if not code:
        try:
            code = api.portal.get_registry_record(RETENTION_RECORD, default=None)
        except Exception:
            code = None
    code = code or "D30"
    return zh(RETENTION[code]) if code in RETENTION else code


def cover_facts(case):
    level = getattr(case, "classification", None)
    mark = classification_mark(level, getattr(case, "secrecy_period", None))
    user = api.user.get_current()
    return {
        "fonds": (department_name(case.accepting_agency) if case.accepting_agency
                  else zh(_("doc_shaoyang_approval_bureau", default="邵阳市行政审批服务局"))),
        "title": case.title,
        "receipt_number": case.receipt_number,
        "year": case.year,
        "retention": retention(case),
        "mark": mark,
        "level": mark or LEVEL_TITLES.get(level, level or ""),
        "archivist": fullname(user.getId()) if user else "",
        "made": kinds.chinese_date(datetime.date.today()),
    }
