"""Produce the case PDF for a case: collect, assemble, verify, journal; optionally store it.

``produce(case)`` returns a ``Produced`` (bytes, verification, catalogue rows, digests) and
journals it (action ``document``); ``store(case, produced)`` keeps it in the case as an
Attachment titled 案卷PDF. A PDF that fails the read-back check raises ``CasePdfError`` and is
neither returned nor stored.
"""

from dataclasses import dataclass
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from shaoyang.licensing.case import journal
from shaoyang.licensing.casepdf import collect
from shaoyang.licensing.casepdf.assemble import assemble
from shaoyang.licensing.casepdf.assemble import CasePdfError  # noqa: F401 (re-exported)

import hashlib
import logging
import time


logger = logging.getLogger(__name__)
STORED_TITLE = "案卷PDF"


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
    return f"案卷-{case.receipt_number}.pdf"


def produce(case):
    started = time.monotonic()
    where = case.receipt_number

    def progress(message):
        logger.info("案卷PDF %s：%s（%.1f秒）", where, message, time.monotonic() - started)

    documents = collect.documents(case)
    progress(f"收集到{len(documents)}件")
    try:
        data, verification, rows = assemble(collect.cover_facts(case), documents, progress)
    except CasePdfError as error:
        logger.error("案卷PDF %s 未通过校验，未提供也未保存：%s", where, error)
        raise
    produced = Produced(data, verification, rows, hashlib.sha256(data).hexdigest(),
                        hashlib.new("sm3", data).hexdigest(), round(time.monotonic() - started, 1))
    progress(f"完成：{produced.pages}页，已通过校验")
    return produced


def record(case, produced, path=None):
    """Journal the production (action ``document``)."""
    skipped = [f"{row['序号']}. {row['题名']}：{row['备注']}" for row in produced.rows if not row["页数"]]
    summary = f"生成案卷PDF：{case.receipt_number}，{len(produced.rows)}件，{produced.pages}页" + (
        f"，{len(skipped)}件未编入" if skipped else "") + ("，已存入案卷" if path else "")
    return journal.record(case, "document", summary, {
        "kind": "case_pdf", "pages": produced.pages, "documents": len(produced.rows), "skipped": skipped,
        "sha256": produced.sha256, "sm3": produced.sm3, "path": path, "verified": produced.verification["ok"],
        "bookmarks": len(produced.verification["bookmarks"]), "seconds": produced.seconds,
    })


def store(case, produced):
    """Keep the PDF in the case as an Attachment 案卷PDF (a new one each time: an earlier one
    is an archived state of the file and stays). Made without the add-permission check: an
    archivist produces it on closed cases nobody may add to."""
    fields = {"title": STORED_TITLE, collect.CASE_PDF_MARK: True,
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
