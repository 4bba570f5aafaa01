"""Assembling the case PDF without a site: awkward inputs (rotated and odd-sized pages, a PDF
encrypted without an open password, broken PDF and DOCX, a file of another type), the
read-back check, and a PDF that fails it being refused."""

from docx import Document as DocxDocument
from pypdf import PdfReader
from pypdf import PdfWriter
from shaoyang.licensing.casepdf import assemble as assembly
from shaoyang.licensing.casepdf.assemble import assemble
from shaoyang.licensing.casepdf.assemble import CasePdfError
from shaoyang.licensing.casepdf.assemble import Document
from shaoyang.licensing.casepdf.assemble import squeeze
from shaoyang.licensing.casepdf.assemble import verify

import datetime
import io
import pytest


COVER = {"fonds": "邵阳市行政审批服务局", "title": "食品经营许可（XZSP-2026-00009）", "receipt_number": "XZSP-2026-00009",
         "year": 2026, "retention": "定期30年", "level": "秘密★5年", "mark": "秘密★5年", "archivist": "孙丽",
         "made": "2026年5月4日"}


def pdf(*sizes, rotate=0, encrypt=None):
    writer = PdfWriter()
    for width, height in sizes:
        writer.add_blank_page(width, height)
        if rotate:
            writer.pages[-1].rotate(rotate)
    if encrypt is not None:
        writer.encrypt(user_password=encrypt, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(text):
    document = DocxDocument()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def documents():
    return [
        Document("申请（李明）", "page", fields=[("申请人名称", "李明"), ("联系电话", "138-0000-0000")],
                 responsible="李明", date=datetime.date(2026, 5, 4), heading="秘密★5年"),
        Document("旋转的扫描件", "pdf", data=pdf((595, 842), rotate=90), responsible="李明"),
        Document("信纸大小与横向", "pdf", data=pdf((612, 792), (842, 595))),
        Document("仅限权限加密", "pdf", data=pdf((595, 842), encrypt="")),
        Document("有打开密码", "pdf", data=pdf((595, 842), encrypt="open")),
        Document("截断的PDF", "pdf", data=pdf((595, 842))[:200]),
        Document("损坏的DOCX", "docx", data=b"PK\x03\x04 not really"),
        Document("照片说明", "none", notes=["不是PDF或DOCX文件（png），未编入；原件存于案卷"]),
        Document("受理通知书（邵审批受〔2026〕XZSP-2026-00009号）", "docx", data=docx("受理通知书正文"),
                 number="邵审批受〔2026〕XZSP-2026-00009号", responsible="邵阳市行政审批服务局",
                 date=datetime.date(2026, 5, 6)),
    ]


@pytest.fixture(scope="module")
def produced():
    parts = documents()
    messages = []
    data, verification, rows = assemble(COVER, parts, messages.append)
    return data, verification, rows, parts, messages


def test_awkward_inputs_are_included_or_listed_with_a_reason(produced):
    data, verification, rows, parts, messages = produced
    assert verification["ok"], verification
    notes = {row["题名"]: row["备注"] for row in rows}
    pages = {row["题名"]: row["页数"] for row in rows}
    assert pages == {"申请（李明）": 1, "旋转的扫描件": 1, "信纸大小与横向": 2, "仅限权限加密": 1, "有打开密码": 0,
                     "截断的PDF": 0, "损坏的DOCX": 0, "照片说明": 0,
                     "受理通知书（邵审批受〔2026〕XZSP-2026-00009号）": 1}
    assert "已解密编入" in notes["仅限权限加密"]
    assert notes["有打开密码"].startswith("PDF已加密，无法打开")
    assert notes["截断的PDF"].startswith("PDF已损坏")
    assert notes["损坏的DOCX"].startswith("DOCX文件已损坏")
    assert verification["skipped"] == ["有打开密码", "截断的PDF", "损坏的DOCX", "照片说明"]
    assert verification["pages"] == {"expected": 8, "actual": 8}  # cover 1 (with its mark), catalogue 1
    assert any("转换完毕" in m for m in messages) and any("正在校验" in m for m in messages)


def test_read_back(produced):
    data, verification, rows, parts, messages = produced
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 8
    assert [item.title for item in reader.outline] == [
        "封面", "卷内目录", "1. 申请（李明）", "2. 旋转的扫描件", "3. 信纸大小与横向", "4. 仅限权限加密",
        "9. 受理通知书（邵审批受〔2026〕XZSP-2026-00009号）"]
    cover = squeeze(reader.pages[0].extract_text())
    assert "秘密★5年" in cover and "20260504—20260506" in cover and "共9件，6页" in cover
    catalogue = squeeze(reader.pages[1].extract_text())
    assert "邵审批受〔2026〕XZSP-2026-00009号" in catalogue and "20260506" in catalogue
    # Every page carries its number, landscape and rotated pages included, centred at the foot.
    for index, page in enumerate(reader.pages, 1):
        assert f"第{index}页共8页" in squeeze(page.extract_text()), index
    landscape = reader.pages[5]
    assert float(landscape.mediabox.width) == 842


def test_verify_names_what_is_wrong(produced):
    data = produced[0]
    result = verify(data, {"pages": 9, "bookmarks": [("封面", 0), ("不存在的书签", 3)], "catalogue_pages": (1, 2),
                           "catalogue_text": ["邵审批受〔2026〕XZSP-2026-00009号", "不存在的文号"]})
    assert not result["ok"]
    assert result["missing_bookmarks"] == ["不存在的书签"] and result["catalogue_missing"] == ["不存在的文号"]
    assert "页数不符：应为9页，实为8页" in result["problems"]
    assert not verify(b"%PDF-1.7 broken", {"pages": 1})["ok"]


def test_a_pdf_failing_its_check_is_refused(monkeypatch):
    monkeypatch.setattr(assembly, "_stamp", lambda writer, overlay: None)  # no page numbers
    with pytest.raises(CasePdfError) as raised:
        assemble(COVER, [Document("说明", "pdf", data=pdf((595, 842)))])
    assert "页码缺失" in str(raised.value) and raised.value.verification["ok"] is False
