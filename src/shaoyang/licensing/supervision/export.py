"""The dashboard's tables as an Excel workbook (``@@supervision-dashboard/export.xlsx``).

One sheet per table, Chinese headers, from the same dictionary the page and REST show
(dashboard.py), so a spreadsheet and the screen never disagree.
"""

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh

import io


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _clocks(entry):
    return "；".join(f"{c['title']} {c['due']}（{c['status_title']}）" for c in entry["clocks"])


def _sheet(book, title, headers, rows):
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for n, header in enumerate(headers, 1):
        values = [header] + [row[n - 1] for row in rows]
        # CJK characters take about two columns
        width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v if v is not None else "")) for v in values)
        sheet.column_dimensions[get_column_letter(n)].width = min(60, width + 2)
    return sheet


def build_workbook(figures):
    """An openpyxl ``Workbook`` of the figures returned by ``dashboard.dashboard``."""
    book = Workbook()
    book.remove(book.active)
    zo = figures["zero_overdue"]
    filters = figures["filters"]
    agency = zh(_("sup_xlsx_agency", default="受理单位"))
    everything = zh(_("sup_xlsx_all", default="全部"))
    case_count = zh(_("sup_xlsx_case_count", default="案件数"))
    on_time_rate = zh(_("sup_xlsx_on_time_rate", default="按时办结率（%）"))
    due_soon = zh(_("sup_xlsx_due_soon", default="即将到期"))
    _sheet(book, zh(_("sup_xlsx_sheet_filters", default="筛选条件")),
           [zh(_("sup_xlsx_filter", default="项目")), zh(_("sup_xlsx_filter_value", default="值"))], [
        (zh(_("sup_xlsx_today", default="统计日期")), filters["today"]),
        (agency, filters["agency"] or everything),
        (zh(_("sup_xlsx_item", default="事项")), filters["item"] or everything),
        (zh(_("sup_xlsx_received_from", default="收件日期自")), filters["from"] or ""),
        (zh(_("sup_xlsx_received_to", default="收件日期至")), filters["to"] or ""),
        (case_count, figures["cases"]),
        (on_time_rate, zo["totals"]["on_time_rate"]),
    ])
    _sheet(book, zh(_("sup_xlsx_sheet_agencies", default="单位按时办结率")), [
        agency,
        zh(_("sup_xlsx_agency_code", default="单位代码")),
        zh(_("sup_xlsx_finished", default="办结")),
        zh(_("sup_xlsx_on_time", default="按时")),
        zh(_("sup_xlsx_late", default="超时办结")),
        on_time_rate,
        zh(_("sup_xlsx_open_overdue", default="当前超时")),
    ], [
        (a["agency_name"], a["agency"], a["finished"], a["on_time"], a["late"], a["on_time_rate"], a["open_overdue"])
        for a in zo["agencies"]
    ] + [(zh(_("sup_xlsx_total", default="合计")), "", zo["totals"]["finished"], zo["totals"]["on_time"],
          zo["totals"]["finished"] - zo["totals"]["on_time"], zo["totals"]["on_time_rate"], zo["totals"]["open_overdue"])])
    case_headers = [
        zh(_("sup_xlsx_receipt_number", default="受理编号")),
        zh(_("sup_xlsx_case", default="案卷")),
        agency,
        zh(_("sup_xlsx_state", default="状态")),
        zh(_("sup_xlsx_clocks", default="时限")),
    ]
    _sheet(book, zh(_("sup_xlsx_sheet_overdue", default="超时案件")), case_headers, [
        (c["receipt_number"], c["title"], c["agency"], c["state"], _clocks(c)) for c in zo["overdue"]
    ])
    _sheet(book, due_soon, case_headers, [
        (c["receipt_number"], c["title"], c["agency"], c["state"], _clocks(c)) for c in zo["due_soon"]
    ])
    _sheet(book, zh(_("sup_xlsx_sheet_processing", default="办理用时")), [
        zh(_("sup_xlsx_item_code", default="事项编码")),
        zh(_("sup_xlsx_item", default="事项")),
        zh(_("sup_xlsx_count", default="件数")),
        zh(_("sup_xlsx_min", default="最短")),
        zh(_("sup_xlsx_q1", default="下四分位")),
        zh(_("sup_xlsx_median", default="中位数")),
        zh(_("sup_xlsx_q3", default="上四分位")),
        zh(_("sup_xlsx_mean", default="平均")),
        zh(_("sup_xlsx_max", default="最长")),
        zh(_("sup_xlsx_clocks", default="时限")),
        zh(_("sup_xlsx_over_limit", default="超过时限")),
    ], [
        (i["item_code"], i["item_title"], i["count"], i["min"], i["q1"], i["median"], i["q3"], i["mean"], i["max"],
         i["limit_days"], i["over_limit"])
        for i in figures["processing"]["items"]
    ])
    ev = figures["evaluations"]
    _sheet(book, zh(_("sup_xlsx_sheet_evaluations", default="评价统计")),
           [zh(_("sup_xlsx_indicator", default="指标")), zh(_("sup_xlsx_number", default="数值"))], [
        *((zh(_("sup_xlsx_level", default="评价等级：${level}"), level=level["title"]), level["count"])
          for level in ev["levels"]),
        *((zh(_("sup_xlsx_channel", default="评价渠道：${channel}"), channel=channel["title"]), channel["count"])
          for channel in ev["channels"]),
        (zh(_("sup_xlsx_evaluations_total", default="评价总数")), ev["total"]),
        (zh(_("sup_xlsx_rated_cases", default="有评价的案件")), ev["rated_cases"]),
        (case_count, ev["cases"]),
        (zh(_("sup_xlsx_rating_rate", default="评价率（%）")), ev["rating_rate"]),
        (zh(_("sup_xlsx_satisfaction_rate", default="满意率（%）")), ev["satisfaction_rate"]),
        (zh(_("sup_xlsx_bad", default="差评数")), ev["bad"]),
        (zh(_("sup_xlsx_bad_rate", default="差评率（%）")), ev["bad_rate"]),
        (zh(_("sup_xlsx_bad_real_name", default="实名差评")), ev["bad_real_name"]),
    ])
    rect = figures["rectifications"]
    statuses = {
        "overdue": zh(_("sup_xlsx_rectification_overdue", default="已超期")),
        "due_soon": due_soon,
    }
    in_progress = zh(_("sup_xlsx_rectification_in_progress", default="进行中"))
    _sheet(book, zh(_("sup_xlsx_sheet_rectifications", default="未完成整改")), [
        zh(_("sup_xlsx_receipt_number", default="受理编号")),
        agency,
        zh(_("sup_xlsx_finding", default="整改事项")),
        zh(_("sup_xlsx_responsible", default="整改责任人")),
        zh(_("sup_xlsx_deadline", default="整改期限")),
        zh(_("sup_xlsx_days_left", default="剩余工作日")),
        zh(_("sup_xlsx_state", default="状态")),
    ], [
        (r["receipt_number"], r["agency"], r["finding"], r["responsible"], r["deadline"],
         r["working_days_left"], statuses.get(r["status"], in_progress))
        for r in rect["open"]
    ])
    return book


def workbook_bytes(figures):
    buffer = io.BytesIO()
    build_workbook(figures).save(buffer)
    return buffer.getvalue()
