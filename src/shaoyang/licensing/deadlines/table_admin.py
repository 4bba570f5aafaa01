"""Keeping the holiday table current (rule R3.8): load a year's table when the State Council
publishes it, from the site (page ``@@holiday-table``) or REST (``@holiday-table``).

The text has the format of ``profiles/city/holidays.yaml`` (one or more years). It is checked
like the city profile; then the registry record is updated, and every open case's stored due
dates are recomputed and reindexed, so deadlines that were provisional become final.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.city.data import parse_holiday_years
from shaoyang.licensing.city.loader import HOLIDAY_RECORD
from shaoyang.licensing.deadlines.due_dates import SETTLED
from shaoyang.licensing.deadlines.due_dates import store_due_dates
from zope.interface import alsoProvides

import json
import logging
import plone.protect.interfaces
import yaml


logger = logging.getLogger("shaoyang.licensing")


def current_table():
    return json.loads(api.portal.get_registry_record(HOLIDAY_RECORD, default="{}") or "{}")


def load_years(text):
    """Check and store the years in ``text``; returns ``{"years": [...], "recomputed": n}``."""
    try:
        data = yaml.safe_load(text or "") or {}
    except yaml.YAMLError as error:
        raise CityProfileError(f"不是有效的YAML：{error}") from error
    data = data.get("years", data) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not data:
        raise CityProfileError("请按 profiles/city/holidays.yaml 的格式提供至少一个年度")
    years = parse_holiday_years(data, "节假日表")
    table = current_table()
    for year in years:
        if not year.holidays and not year.makeup_workdays:
            raise CityProfileError(f"{year.year}年的表为空：请填写放假日期和调休上班日")
        table[str(year.year)] = {
            "source": year.source,
            "holidays": {d.isoformat(): name for d, name in sorted(year.holidays.items())},
            "makeup_workdays": [d.isoformat() for d in year.makeup_workdays],
        }
    api.portal.set_registry_record(HOLIDAY_RECORD, json.dumps(table, ensure_ascii=False, sort_keys=True))
    return {"years": [y.year for y in years], "recomputed": recompute_open_cases()}


def recompute_open_cases():
    """Store fresh due dates on every open case and reindex it; returns how many."""
    count = 0
    for brain in api.content.find(portal_type="CaseFile"):
        if brain.review_state in SETTLED:
            continue
        case = brain.getObject()
        store_due_dates(case)
        case.reindexObject()
        count += 1
    logger.info("Holiday table changed: due dates of %d open cases recomputed", count)
    return count


class HolidayTableView(BrowserView):
    """Years loaded, and a form to paste a year's table."""

    message = error = None

    def years(self):
        return [{"year": y, "source": v.get("source", ""), "holidays": len(v.get("holidays", {})),
                 "makeup": len(v.get("makeup_workdays", []))} for y, v in sorted(current_table().items())]

    def __call__(self):
        text = self.request.form.get("table")
        if self.request.method == "POST" and text is not None:
            try:
                result = load_years(text)
                self.message = f"已载入 {'、'.join(map(str, result['years']))} 年节假日表，重算 {result['recomputed']} 件在办案件的期限。"
            except CityProfileError as error:
                self.error = str(error)
        return self.index()


class HolidayTableGet(Service):
    def reply(self):
        return {"years": current_table()}


class HolidayTablePost(Service):
    """``POST @holiday-table {"table": "<YAML text>"}``."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            return load_years(json_body(self.request).get("table"))
        except CityProfileError as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": str(error)}}
