"""Reading and fixity of real files made here, without a site: text PDFs written by hand,
an encrypted PDF (pypdf), truncated and image-only PDFs, DOCX files made by python-docx.

The builders are imported by test_attachments_rest.py, which uploads the same files over REST.
"""

from pypdf import PdfReader
from pypdf import PdfWriter
from shaoyang.licensing.documents import fixity
from shaoyang.licensing.documents.reading import MAX_TEXT_CHARS
from shaoyang.licensing.documents.reading import read_stream

import docx
import hashlib
import io
import pytest
import re
import zipfile


# -- builders -----------------------------------------------------------------------------

def text_page(*lines):
    """A content stream drawing ASCII lines in Helvetica (no font embedding needed)."""
    ops = [b"BT /F1 12 Tf 72 760 Td 16 TL"]
    for line in lines:
        escaped = line.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


# A 2x2 grey inline image scaled over the page: what a scanner's PDF looks like to a reader.
IMAGE_PAGE = b"q 400 0 0 400 100 300 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q"


def make_pdf(*pages):
    """A minimal valid PDF with one page per content stream, xref offsets computed."""
    count = len(pages)
    font = 3 + 2 * count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
        + b"] /Count %d >>" % count,
    ]
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_pdf():
    return make_pdf(
        text_page("Food business licence application", "Applicant: Shaoyang Hengxin Trading"),
        text_page("Second page: premises inspection passed"),
    )


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf():
    data = text_pdf()
    return data[: len(data) // 2]


def image_pdf():
    return make_pdf(IMAGE_PAGE)


def make_docx(*paragraphs, pages="keep"):
    """A DOCX by python-docx; ``pages`` rewrites docProps/app.xml's <Pages> (None drops it)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "经营场所"
    table.rows[0].cells[1].text = "邵阳市双清区"
    raw = io.BytesIO()
    document.save(raw)
    if pages == "keep":
        return raw.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                replacement = b"" if pages is None else b"<Pages>%d</Pages>" % pages
                data = re.sub(rb"<Pages>\d+</Pages>", replacement, data)
            target.writestr(info, data)
    return out.getvalue()


CHINESE = ("食品经营许可申请书", "申请人承诺所提交材料真实有效。")


def read(data, filename, content_type="", **kw):
    return read_stream(io.BytesIO(data), len(data), filename, content_type, **kw)


# -- the builders make what they claim ------------------------------------------------------

def test_builders_make_real_files():
    assert len(PdfReader(io.BytesIO(text_pdf())).pages) == 2
    assert PdfReader(io.BytesIO(encrypted_pdf())).is_encrypted
    assert docx.Document(io.BytesIO(make_docx(*CHINESE))).paragraphs[0].text == CHINESE[0]


# -- reading --------------------------------------------------------------------------------

def test_pdf_text_and_page_count():
    reading = read(text_pdf(), "申请书.pdf", "application/pdf")
    assert reading.status == "ok"
    assert reading.page_count == 2
    assert "Food business licence application" in reading.text
    assert "premises inspection passed" in reading.text
    assert reading.note == ""


def test_pdf_is_recognised_by_content_not_name():
    assert read(text_pdf(), "scan.bin", "application/octet-stream").page_count == 2


def test_encrypted_pdf_is_reported_not_read():
    reading = read(encrypted_pdf(), "加密.pdf", "application/pdf")
    assert reading.status == "encrypted"
    assert "加密，无法读取文本" in reading.note
    assert reading.text == ""


def test_pdf_encrypted_without_open_password_is_read_but_flagged():
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    reading = read(out.getvalue(), "a.pdf")
    assert reading.status == "ok"
    assert "Food business" in reading.text
    assert "已加密" in reading.note


@pytest.mark.parametrize(
    "data",
    [truncated_pdf(), b"%PDF-1.4\n garbage that is no pdf at all", b"not a pdf, just bytes named .pdf"],
    ids=["truncated", "garbage-after-header", "not-a-pdf"],
)
def test_broken_pdf_is_reported(data):
    reading = read(data, "损坏.pdf", "application/pdf")
    assert reading.status == "broken", reading
    assert reading.note.startswith("文件已损坏"), reading.note
    assert "PDF" in reading.note


def test_image_only_pdf_needs_ocr():
    reading = read(image_pdf(), "扫描件.pdf")
    assert reading.status == "image_only"
    assert reading.page_count == 1
    assert reading.note == "仅含图像，未提取到文字，需OCR"


def test_docx_chinese_text_and_pages_from_app_xml():
    reading = read(make_docx(*CHINESE, pages=3), "申请书.docx")
    assert reading.status == "ok"
    assert CHINESE[0] in reading.text and CHINESE[1] in reading.text
    assert "邵阳市双清区" in reading.text  # table cells are text too
    assert reading.page_count == 3


def test_docx_without_page_count_says_unknown():
    assert read(make_docx(*CHINESE, pages=None), "a.docx").page_count is None


@pytest.mark.parametrize(
    "data",
    [make_docx(*CHINESE)[:2000], b"PK\x03\x04 broken zip", b"plain bytes"],
    ids=["truncated", "bad-zip", "not-a-zip"],
)
def test_broken_docx_is_reported(data):
    reading = read(data, "损坏.docx")
    assert reading.status == "broken"
    assert reading.note.startswith("文件已损坏") and "DOCX" in reading.note


def test_empty_file():
    reading = read(b"", "空.pdf", "application/pdf")
    assert (reading.status, reading.note) == ("empty", "空文件，没有可读取的内容")


def test_file_over_the_limit_is_not_read():
    reading = read(text_pdf(), "大.pdf", max_bytes=100)
    assert reading.status == "too_large"
    assert "超过大小上限（100 字节），未提取文本" in reading.note
    assert reading.text == "" and reading.page_count is None


def test_docx_that_inflates_over_the_limit_is_not_parsed():
    data = make_docx("字" * 20000)
    assert len(data) < 60_000
    assert read(data, "a.docx", max_bytes=60_000).status == "too_large"


def test_plain_text_in_utf8_and_gb18030():
    assert read("邵阳市行政审批服务局".encode(), "说明.txt").text == "邵阳市行政审批服务局"
    assert read("邵阳市行政审批服务局".encode("gb18030"), "说明.txt").text == "邵阳市行政审批服务局"


def test_unsupported_type():
    reading = read(b"\x89PNG\r\n\x1a\n....", "照片.png", "image/png")
    assert reading.status == "unsupported"
    assert ".png" in reading.note


def test_long_text_is_capped_with_a_note():
    reading = read(("许可" * MAX_TEXT_CHARS).encode(), "长.txt")
    assert len(reading.text) == MAX_TEXT_CHARS
    assert "仅保存前" in reading.note


def test_reader_never_raises(monkeypatch):
    from shaoyang.licensing.documents import reading as module

    def explode(*args):
        raise RuntimeError("bug")

    monkeypatch.setattr(module, "_read_pdf", explode)
    result = read(text_pdf(), "a.pdf")
    assert result.status == "error"
    assert "读取时发生意外错误" in result.note


# -- fixity ---------------------------------------------------------------------------------

def test_sm3_is_the_national_standard():
    assert hashlib.new("sm3", b"abc").hexdigest() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_streaming_digests_match_whole_file_digests(monkeypatch):
    monkeypatch.setattr(fixity, "CHUNK", 7)  # many chunks even for a small file
    data = text_pdf()
    digests = fixity.digest_stream(io.BytesIO(data))
    assert digests.sm3 == hashlib.new("sm3", data).hexdigest()
    assert digests.sha256 == hashlib.sha256(data).hexdigest()
    assert digests.size == len(data)
