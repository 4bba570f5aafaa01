"""Assemble the case file (案卷) as one PDF and check it by reading it back (no Plone here).

``assemble(cover_facts, documents)`` takes the cover's facts and the documents in order
(``Document``: a PDF, a .docx or a record page to write) and returns ``(pdf bytes,
verification dict, catalogue rows)``:

1. PDFs are checked with pypdf (an encrypted file is opened only with an empty password; a
   file that cannot be opened or copied is left out with the reason in 备注); .docx files are
   checked with python-docx; record pages are written with python-docx (``pages.py``);
2. all .docx are converted in ONE LibreOffice run;
3. the cover and 卷内目录 (with the page counts now known) and the page-number overlay are
   converted in a second run (a third only when the catalogue is longer than guessed);
4. pypdf puts cover, catalogue and documents together, adds a bookmark per part and lays
   "第 N 页 共 M 页" over every page;
5. ``verify`` reads the result back: page count, bookmarks (title and page), the catalogue's
   text (every 文号, 题名 and note) and the page numbers on the first and last page.
"""

from dataclasses import dataclass
from dataclasses import field
from docx import Document as DocxDocument
from pypdf import PdfReader
from pypdf import PdfWriter
from pypdf import Transformation
from shaoyang.licensing import _
from shaoyang.licensing.casepdf import pages
from shaoyang.licensing.casepdf.convert import convert_many
from shaoyang.licensing.i18n import zh

import datetime
import io
import logging
import math
import re
import tempfile


logger = logging.getLogger(__name__)

# Bookmark titles of the two parts the archive writes itself (zh() where they become text).
COVER = _("doc_bookmark_cover", default="封面")
CATALOGUE = _("doc_catalogue", default="卷内目录")
ROWS_PER_CATALOGUE_PAGE = 12  # a guess for the overlay; a wrong guess costs one more conversion


class CasePdfError(Exception):
    """The assembled PDF failed its read-back check; ``verification`` says why."""

    def __init__(self, message, verification=None):
        super().__init__(message)
        self.verification = verification


@dataclass
class Document:
    """One 件 of the case file. ``kind``: ``pdf`` / ``docx`` (``data`` holds the bytes),
    ``page`` (``fields``: [(label, value)] written as a page), or ``none`` (listed only,
    ``notes`` say why)."""

    title: str
    kind: str
    data: bytes = None
    fields: list = None
    heading: str = ""
    number: str = ""
    responsible: str = ""
    date: object = None
    notes: list = field(default_factory=list)
    pdf: bytes = None
    page_count: int = 0

    @property
    def included(self):
        return self.pdf is not None and self.page_count > 0


def day(value):
    """Dates as DA/T 22 writes them: 20260504."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.strftime("%Y%m%d") if isinstance(value, datetime.date) else (value or "")


def squeeze(text):
    """Text without any white space: pypdf puts spaces and line breaks where the layout did."""
    return re.sub(r"\s+", "", text or "")


def _check_pdf(document):
    """The PDF's bytes as they will be copied (decrypted when it opens without a password),
    or None with the reason added to the notes."""
    try:
        reader = PdfReader(io.BytesIO(document.data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                document.notes.append(zh(_("doc_note_pdf_encrypted", default="PDF已加密，无法打开，未编入；原件存于案卷")))
                return None
            document.notes.append(zh(_("doc_note_pdf_decrypted", default="原件加密（无打开密码），已解密编入；归档文件不应加密")))
        if not len(reader.pages):
            document.notes.append(zh(_("doc_note_pdf_no_pages", default="PDF没有页面，未编入")))
            return None
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception as error:
        document.notes.append(zh(_("doc_note_pdf_broken", default="PDF已损坏，无法读取，未编入（${error}）；原件存于案卷"),
                                 error=type(error).__name__))
        return None


def _check_docx(document):
    try:
        DocxDocument(io.BytesIO(document.data))
        return True
    except Exception as error:
        document.notes.append(zh(_("doc_note_docx_broken", default="DOCX文件已损坏，无法转换，未编入（${error}）；原件存于案卷"),
                                 error=type(error).__name__))
        return False


def _count(data):
    return len(PdfReader(io.BytesIO(data)).pages)


def catalogue_rows(documents):
    return [
        {pages.INDEX: index, pages.NUMBER: d.number or "", pages.RESPONSIBLE: d.responsible or "",
         pages.TITLE: d.title, pages.DATE: day(d.date), pages.PAGES: d.page_count, pages.NOTES: "；".join(d.notes)}
        for index, d in enumerate(documents, 1)
    ]


def bookmark_title(index, document):
    return f"{index}. {document.title}"


def _stamp(writer, overlay):
    """Lay overlay page i over page i, centred at the foot of pages of any size or rotation."""
    for page, number in zip(writer.pages, overlay.pages):
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        box = page.mediabox
        width = float(number.mediabox.width)
        tx = float(box.left) + (float(box.width) - width) / 2
        page.merge_transformed_page(number, Transformation().translate(tx, float(box.bottom)))


def assemble(cover_facts, documents, progress=None):
    """(pdf bytes, verification, catalogue rows); raises CasePdfError when the read-back
    check fails. ``progress(message)`` is told what is happening (long cases take a while)."""
    with tempfile.TemporaryDirectory(prefix="casepdf-profile-") as profile:
        return _assemble(cover_facts, documents, progress, profile)


def _assemble(cover_facts, documents, progress, profile):
    say = progress or (lambda message: logger.info("%s", message))
    to_convert = {}
    for index, document in enumerate(documents, 1):
        if document.kind == "pdf":
            document.pdf = _check_pdf(document)
        elif document.kind == "docx":
            if _check_docx(document):
                to_convert[index] = document.data
        elif document.kind == "page":
            to_convert[index] = pages.record_page(document.title, document.fields or [], document.heading)
    say(zh(_("doc_progress_checked", default="检查完毕：${documents}件，${to_convert}件需转换为PDF"),
           documents=len(documents), to_convert=len(to_convert)))
    for index, data in convert_many(to_convert, profile).items():
        document = documents[index - 1]
        if data is None:
            document.notes.append(zh(_("doc_note_conversion_failed", default="转换为PDF失败，未编入；原件存于案卷")))
        document.pdf = data
    for document in documents:
        if document.pdf is not None:
            document.page_count = _count(document.pdf)
    included = [d for d in documents if d.included]
    body_pages = sum(d.page_count for d in included)
    say(zh(_("doc_progress_converted", default="转换完毕：编入${included}件，共${pages}页"),
           included=len(included), pages=body_pages))

    rows = catalogue_rows(documents)
    dates = sorted(day(d.date) for d in documents if d.date)
    facts = {**cover_facts, "count": len(documents), "pages": body_pages,
             "dates": f"{dates[0]}—{dates[-1]}" if dates else ""}
    cover_title, catalogue_title = zh(COVER), zh(CATALOGUE)
    catalogue_docx = pages.catalogue(rows, catalogue_title, cover_facts.get("title"))
    guess = 1 + max(1, math.ceil(len(rows) / ROWS_PER_CATALOGUE_PAGE)) + body_pages
    converted = convert_many({"cover": pages.cover(facts), "catalogue": catalogue_docx,
                              "numbers": pages.numbering(guess)}, profile)
    if converted["cover"] is None or converted["catalogue"] is None or converted["numbers"] is None:
        raise CasePdfError(zh(_("doc_error_parts_not_made", default="封面、卷内目录或页码无法生成（LibreOffice转换失败）")))
    cover_pages, catalogue_pages = _count(converted["cover"]), _count(converted["catalogue"])
    total = cover_pages + catalogue_pages + body_pages
    numbers = converted["numbers"]
    if total != guess:
        numbers = convert_many({"numbers": pages.numbering(total)}, profile)["numbers"]

    writer = PdfWriter()
    starts = []
    for title, data in ((cover_title, converted["cover"]), (catalogue_title, converted["catalogue"])):
        starts.append((title, len(writer.pages)))
        writer.append(PdfReader(io.BytesIO(data)))
    for index, document in enumerate(documents, 1):
        if document.included:
            starts.append((bookmark_title(index, document), len(writer.pages)))
            writer.append(PdfReader(io.BytesIO(document.pdf)))
    _stamp(writer, PdfReader(io.BytesIO(numbers)))
    for title, start in starts:
        writer.add_outline_item(title, start)
    writer.add_metadata({"/Title": zh(_("doc_pdf_metadata_title", default="${title} 案卷"),
                                      title=cover_facts.get("title", "")),
                         "/Author": cover_facts.get("fonds", ""),
                         "/Creator": "shaoyang.licensing"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    say(zh(_("doc_progress_assembled", default="合成完毕：${pages}页，正在校验"), pages=total))

    expected = {
        "pages": total,
        "bookmarks": starts,
        "catalogue_pages": (cover_pages, cover_pages + catalogue_pages),
        "catalogue_text": [v for row in rows for v in (row[pages.NUMBER], row[pages.TITLE], row[pages.NOTES]) if v],
    }
    verification = verify(data, expected)
    verification.update({"documents": len(documents), "included": len(included),
                         "skipped": [row[pages.TITLE] for row, d in zip(rows, documents) if not d.included]})
    if not verification["ok"]:
        raise CasePdfError(zh(_("doc_error_verification_failed", default="案卷PDF校验未通过：${problems}"),
                              problems="；".join(verification["problems"])), verification)
    return data, verification, rows


def _outline(reader):
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def verify(data, expected):
    """Read the PDF back and compare with what was meant to be in it."""
    problems = []
    try:
        reader = PdfReader(io.BytesIO(data))
        actual = len(reader.pages)
        outline = _outline(reader)
    except Exception as error:
        return {"ok": False, "problems": [zh(_("doc_problem_unreadable", default="无法读取生成的PDF（${error}）"),
                                             error=str(error))]}
    if actual != expected["pages"]:
        problems.append(zh(_("doc_problem_page_count", default="页数不符：应为${expected}页，实为${actual}页"),
                           expected=expected["pages"], actual=actual))
    missing = [title for title, start in expected["bookmarks"] if (title, start) not in outline]
    if missing:
        problems.append(zh(_("doc_problem_bookmarks", default="书签缺失或指向错误的页：${titles}"),
                           titles="、".join(missing)))
    first, last = expected["catalogue_pages"]
    catalogue_text = squeeze("".join(reader.pages[i].extract_text() for i in range(first, min(last, actual))))
    absent = [text for text in expected["catalogue_text"] if squeeze(text) not in catalogue_text]
    if absent:
        problems.append(zh(_("doc_problem_catalogue_text", default="卷内目录中找不到：${texts}"), texts="、".join(absent)))
    numbered = {}
    for index in sorted({0, actual - 1}):
        footer = squeeze(zh(pages.PAGE_FOOTER, page=index + 1, pages=expected["pages"]))  # as numbering() writes it
        numbered[index + 1] = footer in squeeze(reader.pages[index].extract_text())
    if not all(numbered.values()):
        problems.append(zh(_("doc_problem_page_numbers", default="页码缺失：第${pages}页"),
                           pages="、".join(str(n) for n, ok in numbered.items() if not ok)))
    return {
        "ok": not problems,
        "pages": {"expected": expected["pages"], "actual": actual},
        "bookmarks": [title for title, _ in outline],
        "missing_bookmarks": missing,
        "catalogue_missing": absent,
        "page_numbers": numbered,
        "problems": problems,
    }
