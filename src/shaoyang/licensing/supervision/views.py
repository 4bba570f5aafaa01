"""The 零超时 page for supervisors and ``@zero-overdue`` over REST (the same numbers)."""

from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from shaoyang.licensing.supervision.zero_overdue import zero_overdue

import datetime


def _filters(request):
    def day(name):
        value = request.form.get(name)
        try:
            return datetime.date.fromisoformat(value) if value else None
        except ValueError:
            raise ValueError(f"日期格式应为 YYYY-MM-DD：{value}")

    return {
        "agency": request.form.get("agency") or None,
        "item": request.form.get("item") or None,
        "start": day("from"),
        "end": day("to"),
    }


class ZeroOverdueView(BrowserView):
    def figures(self):
        try:
            return zero_overdue(**_filters(self.request))
        except ValueError as error:
            self.error = str(error)
            return zero_overdue()

    error = None


class ZeroOverdueGet(Service):
    def reply(self):
        try:
            return zero_overdue(**_filters(self.request))
        except ValueError as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": str(error)}}
