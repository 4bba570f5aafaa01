"""The pages the archive writes itself, as .docx made with python-docx (no Plone here):
the cover (案卷封面), the catalogue (卷内目录, R7.1), one page per record that has no file of
its own (application, opinions, decision, delivery) and the page-number overlay.

Fonts are the official ones (宋体, 仿宋, 黑体); ``notices/fonts.conf`` maps them to Noto CJK
when LibreOffice converts (``convert.convert_many``).
"""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.notices.render import MARK_FONT as HEAD_FONT  # the official fonts, named in one place
from shaoyang.licensing.notices.render import set_font
from shaoyang.licensing.notices.render import TEXT_FONT
from shaoyang.licensing.notices.render import TITLE_FONT

import io
import re


# The keys of a catalogue row (``assemble.catalogue_rows``; also the keys of the REST answer's
# "catalogue", which clients read): data that stays as it is whatever the catalog says. The
# printed column headings are messages (CATALOGUE_COLUMNS).
INDEX, NUMBER, RESPONSIBLE, TITLE, DATE, PAGES, NOTES = "序号", "文号", "责任者", "题名", "日期", "页数", "备注"  # i18n: data

# 卷内目录 columns as the issue names them (R7.1, DA/T 22-2015; 密级 is on the cover, 档号 is not
# numbered yet): row key, heading and width in mm.
CATALOGUE_COLUMNS = (
    (INDEX, _("doc_column_index", default="序号"), 12),
    (NUMBER, _("doc_column_number", default="文号"), 34),
    (RESPONSIBLE, _("doc_column_responsible", default="责任者"), 26),
    (TITLE, _("doc_column_title", default="题名"), 46),
    (DATE, _("doc_column_date", default="日期"), 20),
    (PAGES, _("doc_column_pages", default="页数"), 12),
    (NOTES, _("doc_column_notes", default="备注"), 30),
)
# The footer of every page; ``assemble.verify`` looks for the same text.
PAGE_FOOTER = _("doc_page_footer", default="第 ${page} 页 共 ${pages} 页")


def _document(landscape=False, margins=(25, 20, 25, 20)):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (Mm(m) for m in margins)
    section.footer_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = TEXT_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TEXT_FONT)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "shaoyang.licensing"
    return document


def _para(container, text, font=TEXT_FONT, size=12, align=None, bold=False, before=0, after=0, line=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line:
        fmt.line_spacing = Pt(line)
    set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _save(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, widths, rows, size=10.5, header=True):
    table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)  # w:gridCol, which LibreOffice reads
    for index, (values, row) in enumerate(zip(rows, table.rows)):
        for cell, value, width in zip(row.cells, values, widths):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            bold = header and index == 0
            if bold:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(paragraph.add_run("" if value is None else str(value)), HEAD_FONT if bold else TEXT_FONT, size, bold)
        properties = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")  # a row is never cut in two by a page break
        keep.set(qn("w:val"), "true")
        properties.append(keep)
        if header and index == 0:  # the header row repeats on every page of a long catalogue
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
    return table


def cover(facts):
    """案卷封面. ``facts``: fonds (全宗名称), title (案卷题名), receipt_number, year, retention
    (保管期限), mark (密级), dates (起止日期), count (件数), pages (页数), archivist, made (立卷日期)."""
    document = _document(margins=(30, 25, 25, 25))
    _para(document, facts.get("mark") or "", HEAD_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT, after=24)
    _para(document, zh(_("doc_cover_heading", default="案卷封面")), TITLE_FONT, 26, WD_ALIGN_PARAGRAPH.CENTER,
          bold=True, after=30)
    rows = [
        (_("doc_cover_fonds", default="全宗名称"), facts["fonds"]),
        (_("doc_cover_title", default="案卷题名"), facts["title"]),
        (_("doc_cover_receipt_number", default="受理编号"), facts["receipt_number"]),
        (_("doc_cover_year", default="年　　度"), facts["year"]),
        (_("doc_cover_retention", default="保管期限"), facts["retention"]),
        (_("doc_cover_classification", default="密　　级"), facts["level"]),
        (_("doc_cover_dates", default="起止日期"), facts["dates"]),
        (_("doc_cover_count_label", default="件数/页数"),
         zh(_("doc_cover_count", default="共 ${count} 件，${pages} 页"), count=facts["count"], pages=facts["pages"])),
        (_("doc_cover_archivist", default="立 卷 人"), facts.get("archivist") or ""),
        (_("doc_cover_made", default="立卷日期"), facts.get("made") or ""),
    ]
    rows = [(zh(label), value) for label, value in rows]
    table = _table(document, (40, 120), rows, size=15, header=False)
    for row in table.rows:  # ten rows of 14 mm: the cover stays one page, with or without a mark
        row.height = Mm(14)
        set_font(row.cells[0].paragraphs[0].runs[0], HEAD_FONT, 15, True)
    _para(document, facts["fonds"], TITLE_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, before=36)
    return _save(document)


def catalogue(rows, title=None, heading=None):
    """卷内目录 (``title``, by default 卷内目录): ``rows`` are dicts with the keys of
    CATALOGUE_COLUMNS (序号 … 备注)."""
    document = _document(margins=(25, 15, 25, 15))
    title = title or zh(_("doc_catalogue", default="卷内目录"))
    _para(document, title, TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=6)
    if heading:
        _para(document, heading, TEXT_FONT, 11, WD_ALIGN_PARAGRAPH.CENTER, after=10)
    keys = [key for key, label, width in CATALOGUE_COLUMNS]
    widths = [width for key, label, width in CATALOGUE_COLUMNS]
    labels = [zh(label) for key, label, width in CATALOGUE_COLUMNS]
    values = [labels] + [[row.get(key, "") for key in keys] for row in rows]
    _table(document, widths, values, size=10)
    return _save(document)


def record_page(title, fields, heading=None):
    """A record without a file of its own, as one page: title, then a table of its fields
    (label, value); long values wrap and may flow onto a second page."""
    document = _document(margins=(30, 25, 30, 25))
    if heading:
        _para(document, heading, HEAD_FONT, 12, WD_ALIGN_PARAGRAPH.LEFT, after=12)
    _para(document, title, TITLE_FONT, 20, WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=18)
    rows = [(label, value) for label, value in fields]
    table = _table(document, (40, 120), rows, size=12, header=False)
    for row in table.rows:
        row.height = Mm(11)
        set_font(row.cells[0].paragraphs[0].runs[0], HEAD_FONT, 12, True)
    return _save(document)


def _field(paragraph, instruction, placeholder="1"):
    """A complex field (PAGE, NUMPAGES) that LibreOffice evaluates when it lays out the page."""
    def run_with(child):
        run = paragraph.add_run()
        set_font(run, TEXT_FONT, 11)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    set_font(paragraph.add_run(placeholder), TEXT_FONT, 11)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def numbering(total):
    """``total`` blank A4 pages whose footer reads 第 N 页 共 M 页: converted once and laid over
    the assembled pages one by one (pypdf ``merge_transformed_page``)."""
    document = _document(margins=(25, 20, 12, 20))
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The footer's text with the two fields where its placeholders stand (text, field, text …).
    marked = zh(PAGE_FOOTER, page="\0PAGE\0", pages="\0NUMPAGES\0")
    for position, piece in enumerate(re.split("\0(PAGE|NUMPAGES)\0", marked)):
        if position % 2:
            _field(paragraph, piece, str(total) if piece == "NUMPAGES" else "1")
        elif piece:
            set_font(paragraph.add_run(piece), TEXT_FONT, 11)
    for index in range(total):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.page_break_before = index > 0
        paragraph.add_run("\u3000")  # not empty: LibreOffice keeps the page
    return _save(document)
