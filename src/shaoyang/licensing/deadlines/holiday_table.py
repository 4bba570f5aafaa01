"""Keeping the holiday table current (rule R3.8): load a year's table when the State Council
publishes it, from the site (page ``@@holiday-table``, deadlines/views.py) or REST
(``@holiday-table``, deadlines/rest.py).

The text has the format of ``profiles/city/holidays.yaml`` (one or more years). It is checked
like the city profile; then the registry record is updated and ``HolidayTableChanged`` is
announced: the case package recomputes every open case's due dates (case/due_dates.py), so
deadlines that were provisional become final.
"""

from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.city.data import CityProfileError
from shaoyang.licensing.city.data import parse_holiday_years
from shaoyang.licensing.deadlines.calendar import HOLIDAY_RECORD
from shaoyang.licensing.i18n import zh
from zope.event import notify
from zope.interface import implementer
from zope.interface import Interface

import json
import yaml


class IHolidayTableChanged(Interface):
    """Years of the holiday table were loaded; subscribers add to ``recomputed`` how many
    cases' due dates they recomputed."""


@implementer(IHolidayTableChanged)
class HolidayTableChanged:
    def __init__(self, years):
        self.years = years
        self.recomputed = 0


def current_table():
    return json.loads(api.portal.get_registry_record(HOLIDAY_RECORD, default="{}") or "{}")


def table_entry(year):
    """The registry's JSON entry of one checked ``HolidayYear``."""
    return {
        "source": year.source,
        "holidays": {d.isoformat(): name for d, name in sorted(year.holidays.items())},
        "makeup_workdays": [d.isoformat() for d in year.makeup_workdays],
    }


def load_years(text):
    """Check and store the years in ``text``; returns ``{"years": [...], "recomputed": n}``."""
    try:
        data = yaml.safe_load(text or "") or {}
    except yaml.YAMLError as error:
        raise CityProfileError(
            zh(_("cat_holiday_invalid_yaml", default="不是有效的YAML：${error}"), error=error)
        ) from error
    data = data.get("years", data) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not data:
        raise CityProfileError(
            zh(_("cat_holiday_no_year", default="请按 profiles/city/holidays.yaml 的格式提供至少一个年度"))
        )
    years = parse_holiday_years(data, zh(_("cat_holiday_table_name", default="节假日表")))
    table = current_table()
    for year in years:
        if not year.holidays and not year.makeup_workdays:
            raise CityProfileError(
                zh(
                    _("cat_holiday_year_empty", default="${year}年的表为空：请填写放假日期和调休上班日"),
                    year=year.year,
                )
            )
        table[str(year.year)] = table_entry(year)
    api.portal.set_registry_record(HOLIDAY_RECORD, json.dumps(table, ensure_ascii=False, sort_keys=True))
    event = HolidayTableChanged([y.year for y in years])
    notify(event)
    return {"years": event.years, "recomputed": event.recomputed}
