"""The dashboard's tables as an Excel workbook (``@@supervision-dashboard/export.xlsx``).

One sheet per table, Chinese headers, from the same dictionary the page and REST show
(dashboard.py), so a spreadsheet and the screen never disagree.
"""

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

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
    _sheet(book, "筛选条件", ["项目", "值"], [
        ("统计日期", filters["today"]),
        ("受理单位", filters["agency"] or "全部"),
        ("事项", filters["item"] or "全部"),
        ("收件日期自", filters["from"] or ""),
        ("收件日期至", filters["to"] or ""),
        ("案件数", figures["cases"]),
        ("按时办结率（%）", zo["totals"]["on_time_rate"]),
    ])
    _sheet(book, "单位按时办结率", ["受理单位", "单位代码", "办结", "按时", "超时办结", "按时办结率（%）", "当前超时"], [
        (a["agency_name"], a["agency"], a["finished"], a["on_time"], a["late"], a["on_time_rate"], a["open_overdue"])
        for a in zo["agencies"]
    ] + [("合计", "", zo["totals"]["finished"], zo["totals"]["on_time"],
          zo["totals"]["finished"] - zo["totals"]["on_time"], zo["totals"]["on_time_rate"], zo["totals"]["open_overdue"])])
    case_headers = ["受理编号", "案卷", "受理单位", "状态", "时限"]
    _sheet(book, "超时案件", case_headers, [
        (c["receipt_number"], c["title"], c["agency"], c["state"], _clocks(c)) for c in zo["overdue"]
    ])
    _sheet(book, "即将到期", case_headers, [
        (c["receipt_number"], c["title"], c["agency"], c["state"], _clocks(c)) for c in zo["due_soon"]
    ])
    _sheet(book, "办理用时", ["事项编码", "事项", "件数", "最短", "下四分位", "中位数", "上四分位", "平均", "最长", "时限", "超过时限"], [
        (i["item_code"], i["item_title"], i["count"], i["min"], i["q1"], i["median"], i["q3"], i["mean"], i["max"],
         i["limit_days"], i["over_limit"])
        for i in figures["processing"]["items"]
    ])
    ev = figures["evaluations"]
    _sheet(book, "评价统计", ["指标", "数值"], [
        *((f"评价等级：{level['title']}", level["count"]) for level in ev["levels"]),
        *((f"评价渠道：{channel['title']}", channel["count"]) for channel in ev["channels"]),
        ("评价总数", ev["total"]),
        ("有评价的案件", ev["rated_cases"]),
        ("案件数", ev["cases"]),
        ("评价率（%）", ev["rating_rate"]),
        ("满意率（%）", ev["satisfaction_rate"]),
        ("差评数", ev["bad"]),
        ("差评率（%）", ev["bad_rate"]),
        ("实名差评", ev["bad_real_name"]),
    ])
    rect = figures["rectifications"]
    _sheet(book, "未完成整改", ["受理编号", "受理单位", "整改事项", "整改责任人", "整改期限", "剩余工作日", "状态"], [
        (r["receipt_number"], r["agency"], r["finding"], r["responsible"], r["deadline"],
         r["working_days_left"], {"overdue": "已超期", "due_soon": "即将到期"}.get(r["status"], "进行中"))
        for r in rect["open"]
    ])
    return book


def workbook_bytes(figures):
    buffer = io.BytesIO()
    build_workbook(figures).save(buffer)
    return buffer.getvalue()
