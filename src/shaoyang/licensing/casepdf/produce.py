"""Produce the case PDF for a case: collect, assemble, verify, journal; optionally store it.

``produce(case)`` returns a ``Produced`` (bytes, verification, catalogue rows, digests) and
journals it (action ``document``); ``store(case, produced)`` keeps it in the case as an
Attachment titled 案卷PDF. A PDF that fails the read-back check raises ``CasePdfError`` and is
neither returned nor stored.
"""

from dataclasses import dataclass
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.casepdf import collect
from shaoyang.licensing.casepdf import pages
from shaoyang.licensing.casepdf.assemble import assemble
from shaoyang.licensing.casepdf.assemble import CasePdfError  # noqa: F401 (re-exported)
from shaoyang.licensing.i18n import zh

import hashlib
import logging
import time


logger = logging.getLogger(__name__)
STORED_TITLE = _("doc_case_pdf", default="案卷PDF")  # zh() in store(): the title is stored


@dataclass
class Produced:
    data: bytes
    verification: dict
    rows: list
    sha256: str
    sm3: str
    seconds: float

    @property
    def pages(self):
        return self.verification["pages"]["actual"]


def filename(case):
    return zh(_("doc_case_pdf_filename", default="案卷-${number}.pdf"), number=case.receipt_number)


def produce(case):
    started = time.monotonic()
    where = case.receipt_number

    def progress(message):
        seconds = f"{time.monotonic() - started:.1f}"
        logger.info("%s", zh(_("doc_log_case_pdf_progress", default="案卷PDF ${number}：${step}（${seconds}秒）"),
                             number=where, step=message, seconds=seconds))

    documents = collect.documents(case)
    progress(zh(_("doc_progress_collected", default="收集到${documents}件"), documents=len(documents)))
    try:
        data, verification, rows = assemble(collect.cover_facts(case), documents, progress)
    except CasePdfError as error:
        logger.error("%s", zh(_("doc_log_case_pdf_refused", default="案卷PDF ${number} 未通过校验，未提供也未保存：${error}"),
                              number=where, error=str(error)))
        raise
    produced = Produced(data, verification, rows, hashlib.sha256(data).hexdigest(),
                        hashlib.new("sm3", data).hexdigest(), round(time.monotonic() - started, 1))
    progress(zh(_("doc_progress_done", default="完成：${pages}页，已通过校验"), pages=produced.pages))
    return produced


def record(case, produced, path=None):
    """Journal the production (action ``document``)."""
    skipped = [f"{row[pages.INDEX]}. {row[pages.TITLE]}：{row[pages.NOTES]}"
               for row in produced.rows if not row[pages.PAGES]]
    summary = zh(_("doc_journal_case_pdf", default="生成案卷PDF：${number}，${documents}件，${pages}页"),
                 number=case.receipt_number, documents=len(produced.rows), pages=produced.pages)
    if skipped:
        summary += zh(_("doc_journal_case_pdf_skipped", default="，${count}件未编入"), count=len(skipped))
    if path:
        summary += zh(_("doc_journal_case_pdf_stored", default="，已存入案卷"))
    return journal.record(case, "document", summary, {
        "kind": "case_pdf", "pages": produced.pages, "documents": len(produced.rows), "skipped": skipped,
        "sha256": produced.sha256, "sm3": produced.sm3, "path": path, "verified": produced.verification["ok"],
        "bookmarks": len(produced.verification["bookmarks"]), "seconds": produced.seconds,
    })


def store(case, produced):
    """Keep the PDF in the case as an Attachment 案卷PDF (a new one each time: an earlier one
    is an archived state of the file and stays). Made without the add-permission check: an
    archivist produces it on closed cases nobody may add to."""
    fields = {"title": zh(STORED_TITLE), collect.CASE_PDF_MARK: True,
              "file": NamedBlobFile(produced.data, contentType="application/pdf", filename=filename(case))}
    # Set before the add event, so documents/handlers.py digests and reads it like any upload.
    attachment = createContentInContainer(case, "Attachment", checkConstraints=False, id=_free_id(case), **fields)
    return attachment


def _free_id(case):
    base, index = "case-pdf", 1
    candidate = base
    while candidate in case.objectIds():
        index += 1
        candidate = f"{base}-{index}"
    return candidate
