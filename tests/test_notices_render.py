"""Notice templates without a site: fonts, layout, placeholders split over runs, bodies."""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from shaoyang.licensing.notices import kinds
from shaoyang.licensing.notices.render import builtin_template
from shaoyang.licensing.notices.render import fill
from shaoyang.licensing.notices.render import text_of

import datetime
import io
import pytest


FACTS = {
    "receipt_number": "XZSP-2026-00007", "year": 2026, "item_title": "食品经营许可", "legal_basis": "《食品安全法》第三十五条",
    "promised_days": 10, "statutory_days": 20, "contact": "0739-5320000",
    "accepting_name": "邵阳市行政审批服务局", "accepting_prefix": "邵审批",
    "deciding_name": "邵阳市市场监督管理局", "deciding_prefix": "邵市监",
    "applicant_name": "李明", "received_date": datetime.date(2026, 3, 2), "mark": "",
    "missing_materials": ["营业执照", "食品经营许可申请书"],
}


def document(data):
    return Document(io.BytesIO(data))


def test_layout_and_east_asian_fonts():
    values, body = kinds.compose("receipt", FACTS, kinds.notice_number("receipt", FACTS), datetime.date(2026, 3, 4))
    doc = document(fill(None, values, body))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["受理通知书", "邵审批受〔2026〕XZSP-2026-00007号", "李明："]  # no mark line
    assert texts[-3:] == ["【印章】", "邵阳市行政审批服务局", "2026年3月4日"]
    title, number = doc.paragraphs[0], doc.paragraphs[1]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].font.size.pt == 22
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert doc.paragraphs[3].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert doc.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.top_margin.mm), round(section.left_margin.mm)) == (210, 37, 28)
    assert doc.core_properties.title == "受理通知书"


def test_secret_mark_comes_first():
    values, body = kinds.compose("correction", {**FACTS, "mark": "机密★20年"}, "n", datetime.date(2026, 3, 4))
    doc = document(fill(None, values, body))
    assert doc.paragraphs[0].text == "机密★20年"
    assert [p.text for p in doc.paragraphs if p.text[:2] in ("1.", "2.")] == ["1. 营业执照", "2. 食品经营许可申请书"]


def test_placeholder_split_over_runs_in_an_agency_template():
    """Word splits text into runs at will; an agency's template must still be filled."""
    template = Document()
    paragraph = template.add_paragraph()
    for piece in ("文号：{{", "numb", "er}}"):
        paragraph.add_run(piece)
    template.add_paragraph("{{body}}")
    cell = template.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("{{agency}}")
    out = io.BytesIO()
    template.save(out)
    data = fill(out.getvalue(), {"number": "邵审批受〔2026〕1号", "agency": "某局"}, ["第一段", "第二段"])
    assert text_of(data).splitlines() == ["文号：邵审批受〔2026〕1号", "第一段", "第二段", "某局"]


def test_unknown_placeholders_become_empty_and_broken_templates_raise():
    template = builtin_template()
    template.add_paragraph("附：{{nonsense}}与{{date}}")
    out = io.BytesIO()
    template.save(out)
    assert "附：与2026年1月1日" in text_of(fill(out.getvalue(), {"date": "2026年1月1日"}, []))
    with pytest.raises(Exception):
        fill(b"not a docx", {}, [])


def test_decision_texts_follow_r4_4():
    decision = {"document_number": "邵市监许〔2026〕3号", "certificate_name": "食品经营许可证", "reasons": "场所不符。",
                "remedies": None, "certificate_number": None}
    grant = "\n".join(map(str, kinds.body("grant", {**FACTS, "decision": decision})))
    assert "《食品经营许可证》" in grant and "第四十条" in grant  # names the certificate; public
    refusal = "\n".join(map(str, kinds.body("refusal", {**FACTS, "decision": decision})))
    assert "场所不符。" in refusal and "行政复议" in refusal and "行政诉讼" in refusal
    assert kinds.notice_number("grant", {"decision": decision}) == "邵市监许〔2026〕3号"
    assert kinds.notice_number("correction", FACTS, occurrence=2) == "邵审批补〔2026〕XZSP-2026-00007-2号"


def test_rendered_by_libreoffice_as_one_page_with_the_chinese_text():
    import shutil

    from pypdf import PdfReader

    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is missing: `make system-packages` installs libreoffice-writer-nogui")
    from shaoyang.licensing.notices.pdf import convert

    values, body = kinds.compose("correction", {**FACTS, "mark": "秘密★10年"}, "邵审批补〔2026〕XZSP-2026-00007号",
                                 datetime.date(2026, 3, 4))
    reader = PdfReader(io.BytesIO(convert(fill(None, values, body))))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("秘密★10年", "补正材料通知书", "营业执照", "【印章】", "邵阳市行政审批服务局", "2026年3月4日"):
        assert expected in text.replace(" ", ""), expected
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()["/BaseFont"]]}
    assert any("NotoSerifCJK" in f for f in fonts), fonts  # 宋体/仿宋 mapped by fonts.conf
