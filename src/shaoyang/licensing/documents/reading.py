"""Read the text and page count of an uploaded file: PDF (pypdf), DOCX (python-docx), plain text.

Whatever the file is, ``read_stream`` answers with a ``Reading`` and never raises: the upload
must go through and keep the file even when nothing can be read from it, so every failure
becomes a status code plus a Chinese note saying what could not be read and why.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath
from shaoyang.licensing import _
from shaoyang.licensing.documents import chinese
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

import io
import logging
import re
import zipfile
import docx


logger = logging.getLogger(__name__)

# Enough for full-text search of any real application form or decision (a 300-page PDF has
# about this much text); more would only bloat every REST answer and the catalog.
MAX_TEXT_CHARS = 200_000
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_SUFFIXES = {".txt", ".csv", ".md", ".xml", ".json", ".html", ".htm"}
PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


@dataclass
class Reading:
    """``status``: ok, empty, too_large, encrypted, broken, image_only, no_text, unsupported, error."""
    status: str
    text: str = ""
    page_count: int | None = None
    note: str = ""


def read_stream(stream, size, filename="", content_type="", max_bytes=DEFAULT_MAX_BYTES):
    """Read a seekable binary stream of ``size`` bytes; never raises."""
    try:
        return _read(stream, size, filename or "", content_type or "", max_bytes)
    except Exception as error:  # a reader bug must not cost the applicant their upload
        logger.exception("reading %s failed", filename)
        return Reading(
            "error",
            note=chinese(
                _("note_read_error", default="读取时发生意外错误（${error}），文件已保存，未提取文本"),
                error=type(error).__name__,
            ),
        )


def _read(stream, size, filename, content_type, max_bytes):
    if size == 0:
        return Reading("empty", note=chinese(_("note_empty", default="空文件，没有可读取的内容")))
    if size > max_bytes:
        return Reading("too_large", note=_too_large(max_bytes))
    head = stream.read(1024)
    stream.seek(0)
    kind = _kind(head, filename, content_type)
    if kind == "pdf":
        reading = _read_pdf(stream)
    elif kind == "docx":
        reading = _read_docx(stream, max_bytes)
    elif kind == "text":
        limit = MAX_TEXT_CHARS * 4  # at most 4 bytes a character in UTF-8 and GB18030
        reading = Reading("ok", text=_decode(stream.read(limit), cut=size > limit))
    else:
        shown = PurePosixPath(filename).suffix or content_type or "?"
        return Reading(
            "unsupported",
            note=chinese(
                _("note_unsupported", default="不支持读取此类文件（${type}），未提取文本；文本材料请用PDF或DOCX"),
                type=shown,
            ),
        )
    return _cap(reading)


def _kind(head, filename, content_type):
    """The content decides first (a PDF renamed .bin is still a PDF); the declared name and
    type decide for the rest, so a broken file declared as PDF is reported as a broken PDF."""
    suffix = PurePosixPath(filename.lower()).suffix
    if b"%PDF-" in head:
        return "pdf"
    if suffix == ".pdf" or content_type == "application/pdf":
        return "pdf"
    if suffix == ".docx" or content_type == DOCX_TYPE:
        return "docx"
    if suffix in TEXT_SUFFIXES or content_type.startswith("text/"):
        return "text"
    return None


def _too_large(max_bytes):
    return chinese(
        _("note_too_large", default="超过大小上限（${limit}），未提取文本；文件已完整保存"),
        limit=_human(max_bytes),
    )


def _human(size):
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return chinese(_("cat_size_bytes", default="${size} 字节"), size=size)


def _broken(kind, error):
    detail = str(error).strip()[:200] or type(error).__name__
    return Reading(
        "broken",
        note=chinese(
            _("note_broken", default="文件已损坏或不完整，无法作为${kind}读取（${detail}）"),
            kind=kind,
            detail=detail,
        ),
    )


def _read_pdf(stream):

    locked = Reading(
        "encrypted", note=chinese(_("note_encrypted", default="PDF已加密，无法读取文本；归档文件不应加密"))
    )
    try:
        reader = PdfReader(stream)
        encrypted = reader.is_encrypted
        # Only an empty user password can be tried: the archive never holds passwords.
        if encrypted and not reader.decrypt(""):
            return locked
        pages = reader.pages
        count = len(pages)
    except FileNotDecryptedError:
        return locked
    except Exception as error:
        return _broken("PDF", error)
    if count == 0:
        return _broken("PDF", chinese(_("note_no_pages", default="没有页面")))
    texts, failed, length = [], [], 0
    for number, page in enumerate(pages, start=1):
        if length > MAX_TEXT_CHARS:
            break  # the rest would be cut anyway; page_count still covers every page
        try:
            text = page.extract_text() or ""
        except Exception:
            failed.append(str(number))
            continue
        texts.append(text)
        length += len(text)
    text = "\n".join(texts).strip()
    notes = []
    if encrypted:
        notes.append(chinese(_("note_encrypted_open", default="PDF已加密（无打开密码），已读取文本；归档文件不应加密")))
    if failed:
        notes.append(chinese(_("note_pages_failed", default="以下页无法提取文本：${pages}"), pages="、".join(failed)))
    if not text:
        if failed:
            return Reading("broken", page_count=count, note="；".join(notes))
        notes.append(chinese(_("note_image_only", default="仅含图像，未提取到文字，需OCR")))
        return Reading("image_only", page_count=count, note="；".join(notes))
    return Reading("ok", text=text, page_count=count, note="；".join(notes))


def _read_docx(stream, max_bytes):

    try:
        with zipfile.ZipFile(stream) as package:
            # A few KB can inflate to gigabytes: check before python-docx parses the XML.
            if sum(info.file_size for info in package.infolist()) > max_bytes:
                return Reading("too_large", note=_too_large(max_bytes))
            pages = _docx_pages(package)
        stream.seek(0)
        document = docx.Document(stream)
    except Exception as error:
        return _broken("DOCX", error)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(p for p in parts if p.strip()).strip()
    if not text:
        return Reading("no_text", page_count=pages, note=chinese(_("note_no_text", default="文档中没有文字")))
    return Reading("ok", text=text, page_count=pages)


def _docx_pages(package):
    """Word writes the page count it last laid out to docProps/app.xml; other writers (and
    python-docx) may not, and then the count is unknown rather than guessed."""
    try:
        match = PAGES.search(package.read("docProps/app.xml"))
    except KeyError:
        return None
    return int(match.group(1)) if match else None


def _decode(data, cut=False):
    # UTF-8 first; GB18030 is what Chinese Windows tools still write.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            if cut and error.start >= len(data) - 3:  # the read limit split a character
                try:
                    return data[: error.start].decode(encoding)
                except UnicodeDecodeError:
                    pass
    return data.decode("utf-8", errors="replace")


def _cap(reading):
    if len(reading.text) > MAX_TEXT_CHARS:
        reading.text = reading.text[:MAX_TEXT_CHARS]
        cut = chinese(
            _("note_text_cut", default="文本过长，仅保存前${count}字用于检索"), count=str(MAX_TEXT_CHARS)
        )
        reading.note = "；".join(n for n in (reading.note, cut) if n)
    return reading


def read_file(named_file, max_bytes=DEFAULT_MAX_BYTES):
    """Read a plone.namedfile file (blob or not) through a seekable stream."""
    size = named_file.getSize()
    args = (size, named_file.filename, named_file.contentType, max_bytes)
    if size == 0 or size > max_bytes:  # decided on the size alone: never open a huge blob
        return read_stream(io.BytesIO(), *args)
    opener = getattr(named_file, "open", None)
    if opener is None:  # NamedFile keeps its bytes in the ZODB record
        return read_stream(io.BytesIO(named_file.data), *args)
    with opener() as stream:
        return read_stream(stream, *args)
