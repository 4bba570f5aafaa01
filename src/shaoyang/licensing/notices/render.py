"""Fill a notice template with python-docx (no Plone here: tests and scripts use it directly).

A template is a .docx whose paragraphs carry placeholders ``{{name}}``:

=================  ==========================================================================
``{{mark}}``       密级和保密期限 (``秘密★10年``), empty for non-secret cases
``{{title}}``      the notice's name (受理通知书 …)
``{{number}}``     the document number line (邵审批受〔2026〕XZSP-2026-00001号)
``{{addressee}}``  主送: the applicant (empty for 送达回证)
``{{body}}``       the text; the paragraph holding it is repeated once per body paragraph, and a
                   table of the body (送达回证) is placed where it stood
``{{agency}}``     the issuing agency
``{{date}}``       成文日期 (2026年5月4日)
``{{seal}}``       the seal placeholder 【印章】
``{{version}}``    empty for a first issue, else the correction note (第2版 …)
=================  ==========================================================================

The built-in template is made by ``builtin_template()`` in code (so it is reviewed as source)
and follows GB/T 9704-2012 habits: A4, margins 37/35/28/26 mm, title in 小标宋 (宋体 here) 2号,
text in 仿宋 3号 with a two-character first-line indent, agency and date right-aligned above the
seal. An agency's own template only has to keep the placeholders it wants filled; formatting
of each placeholder's paragraph is kept, so the agency decides fonts and layout.
"""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from docx.text.paragraph import Paragraph

import copy
import io
import re


PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
PLACEHOLDERS = ("mark", "title", "number", "addressee", "body", "agency", "date", "seal", "version")
# Font names (data): fonts.conf maps exactly these names to the installed Noto CJK fonts.
TITLE_FONT = "宋体"  # stands for 方正小标宋简体, which an agency's own template may name  # i18n: data
TEXT_FONT = "仿宋"  # i18n: data
MARK_FONT = "黑体"  # i18n: data


class Table:
    """A body part rendered as a two-column table (label, value), e.g. the 送达回证."""
    def __init__(self, rows):
        self.rows = [(str(label), "" if value is None else str(value)) for label, value in rows]

    def text(self):
        return "\n".join(f"{label}：{value}" for label, value in self.rows)


def set_font(run, name, size=None, bold=None):
    """Set the run's font for Latin *and* East Asian text (w:eastAsia), which Word needs for CJK."""
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _paragraph(document, text, font, size, align=None, bold=False, indent=False, space_after=0):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = Pt(28.95)  # 22 lines of 3号 on a type area of 225 mm (GB/T 9704 7.1)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def builtin_template():
    """The built-in notice template as a python-docx Document."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = TEXT_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TEXT_FONT)

    _paragraph(document, "{{mark}}", MARK_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "{{title}}", TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=14)
    _paragraph(document, "{{number}}", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, space_after=14)
    _paragraph(document, "{{addressee}}：", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "{{body}}", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _paragraph(document, "{{version}}", TEXT_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT, indent=True)
    _paragraph(document, "", TEXT_FONT, 16)
    _paragraph(document, "{{seal}}", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, "{{agency}}", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, "{{date}}", TEXT_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "shaoyang.licensing"
    properties.title = "{{title}}"
    return document


def builtin_template_bytes():
    out = io.BytesIO()
    builtin_template().save(out)
    return out.getvalue()


def _all_paragraphs(document):
    """Body paragraphs, paragraphs in table cells, headers and footers (in document order)."""
    def walk(container):
        for paragraph in container.paragraphs:
            yield paragraph
        for table in getattr(container, "tables", ()):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                yield from walk(part)


def _set_text(paragraph, text):
    """Replace a paragraph's text, keeping the formatting of its first run (Word splits text
    into runs arbitrarily, so a placeholder may span several of them)."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._element.getparent().remove(run._element)


def _remove(paragraph):
    paragraph._element.getparent().remove(paragraph._element)


def _add_table(document, anchor, table):
    """A bordered two-column table inserted before ``anchor`` (the body paragraph)."""
    size = anchor.runs[0].font.size.pt if anchor.runs and anchor.runs[0].font.size else 16
    font = anchor.runs[0].font.name if anchor.runs and anchor.runs[0].font.name else TEXT_FONT
    grid = document.add_table(rows=len(table.rows), cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    grid.columns[0].width, grid.columns[1].width = Mm(45), Mm(111)  # w:gridCol, read by LibreOffice
    for (label, value), row in zip(table.rows, grid.rows):
        row.height = Mm(14)
        for cell, text, bold in ((row.cells[0], label, True), (row.cells[1], value, False)):
            cell.width = Mm(45) if cell is row.cells[0] else Mm(111)
            paragraph = cell.paragraphs[0]
            set_font(paragraph.add_run(text), font, size - 2, bold)
    anchor._element.addprevious(grid._tbl)


def fill(template, values, body):
    """The filled notice as .docx bytes.

    ``template``: .docx bytes, or None for the built-in. ``values``: placeholder → text.
    ``body``: list of paragraphs (str) and ``Table`` parts. A paragraph whose placeholders are
    all empty (no mark on a non-secret notice, no addressee on a 送达回证) is dropped.
    """
    document = Document(io.BytesIO(template)) if template else builtin_template()
    for paragraph in list(_all_paragraphs(document)):
        text = paragraph.text
        names = PLACEHOLDER.findall(text)
        if not names:
            continue
        if "body" in names:
            for part in body:
                if isinstance(part, Table):
                    _add_table(document, paragraph, part)
                    continue
                clone = copy.deepcopy(paragraph._element)
                paragraph._element.addprevious(clone)

                _set_text(Paragraph(clone, paragraph._parent), str(part))
            _remove(paragraph)
            continue
        if not any(values.get(name) for name in names):
            _remove(paragraph)
            continue
        _set_text(paragraph, PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), text))
    core = document.core_properties
    core.title = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or ""), core.title or "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(data):
    """All text of a .docx (paragraphs and table cells), for search and for tests."""
    document = Document(io.BytesIO(data))
    lines = []
    for block in document.iter_inner_content():  # document order: a table stays where it stands
        if hasattr(block, "rows"):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)
