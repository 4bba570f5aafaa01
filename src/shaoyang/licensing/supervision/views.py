"""Supervisors' pages and their REST twins: the 零超时 page and ``@zero-overdue``, the dashboard
``@@supervision-dashboard`` (with ``/export.xlsx``) and ``@supervision-dashboard`` (the same
numbers)."""

from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.supervision.dashboard import dashboard
from shaoyang.licensing.supervision.zero_overdue import zero_overdue
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
from shaoyang.licensing.supervision.export import workbook_bytes

import datetime
import json
import urllib.parse


def figure_filters(request):
    """The agency, item and received-date period asked for (``from``/``to``); ValueError in Chinese."""
    def day(name):
        value = request.form.get(name)
        try:
            return datetime.date.fromisoformat(value) if value else None
        except ValueError:
            raise ValueError(zh(_("sup_error_date_format_value", default="日期格式应为 YYYY-MM-DD：${value}"), value=value))

    return {
        "agency": request.form.get("agency") or None,
        "item": request.form.get("item") or None,
        "start": day("from"),
        "end": day("to"),
    }


class ZeroOverdueView(BrowserView):
    def figures(self):
        try:
            return zero_overdue(**figure_filters(self.request))
        except ValueError as error:
            self.error = str(error)
            return zero_overdue()

    error = None


# The words the charts draw (dashboard.js reads them from the page's JSON, translated).
CHART_LABELS = {
    "on_time_rate": _("dashboard_chart_on_time_rate", default="按时办结率（%）"),
    "goal": _("dashboard_chart_goal", default="零超时目标 100%"),
    "finished": _("dashboard_chart_finished", default="办结件数"),
    "working_days": _("dashboard_chart_working_days", default="工作日"),
    "cases": _("dashboard_chart_cases", default="件数"),
    "range": _("dashboard_chart_range", default="最短–最长"),
    "middle_half": _("dashboard_chart_middle_half", default="中间一半（四分位）"),
    "median": _("dashboard_chart_median", default="中位数"),
    "limit": _("dashboard_chart_limit", default="承诺时限"),
    "evaluations": _("dashboard_chart_evaluations", default="评价数"),
    "no_data": _("dashboard_chart_no_data", default="暂无数据"),
}


@implementer(IPublishTraverse)
class DashboardView(BrowserView):
    """The dashboard page; ``/export.xlsx`` below it gives the same tables as a workbook."""
    error = None
    subpath = None

    def publishTraverse(self, request, name):
        if self.subpath is None and name == "export.xlsx":
            self.subpath = name
            return self
        raise NotFound(self, name, request)

    def __call__(self):
        if self.subpath == "export.xlsx":

            data = workbook_bytes(self.figures())
            stamp = datetime.date.today().strftime("%Y%m%d")
            name = urllib.parse.quote(zh(_("sup_export_filename", default="监督看板-${stamp}.xlsx"), stamp=stamp))
            response = self.request.response
            response.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.setHeader("Content-Disposition", f"attachment; filename=dashboard-{stamp}.xlsx; filename*=UTF-8''{name}")
            response.setHeader("Cache-Control", "no-store")
            return data
        return self.index()

    def figures(self):
        if not hasattr(self, "_figures"):
            try:
                self._figures = dashboard(**figure_filters(self.request))
            except ValueError as error:
                self.error = str(error)
                self._figures = dashboard()
        return self._figures

    def query_string(self):
        """The current filters, for the export link."""
        keys = ("agency", "item", "from", "to")
        return urllib.parse.urlencode({k: self.request.form[k] for k in keys if self.request.form.get(k)})

    def percent(self, value):
        return "—" if value is None else f"{value}%"

    def chart_data(self):
        """The figures and the chart words as JSON for dashboard.js (safe inside <script>)."""
        labels = {key: translate(message, context=self.request) for key, message in CHART_LABELS.items()}
        text = json.dumps({"figures": self.figures(), "labels": labels}, ensure_ascii=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
