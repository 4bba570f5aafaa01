"""Working-day calendar (rules R3, R3.7, R3.8).

A day is a working day unless it is a weekend or a statutory holiday; a make-up working day
(调休, a Saturday or Sunday the State Council declares a working day) counts. Sources, per year:

1. the site's holiday table (registry record ``shaoyang.licensing.holiday_table``, loaded from
   ``profiles/city/holidays.yaml``) — it wins for every year it has, so the city can correct
   or add a year without waiting for a library release;
2. the ``chinesecalendar`` package (2004-2026 in the pinned version);
3. neither: weekends only, and the year is reported so the deadline is shown as provisional
   (R3.8) instead of failing the whole case view.
"""

from dataclasses import dataclass
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh

import datetime
import functools
import json
import chinese_calendar


HOLIDAY_RECORD = "shaoyang.licensing.holiday_table"

ONE_DAY = datetime.timedelta(days=1)


class HolidayTableError(ValueError):
    """The holiday table is not readable; the message says where, in Chinese."""

@dataclass(frozen=True)
class Deadline:
    """A computed due date; ``unknown_years`` are years counted with weekends only."""
    due: datetime.date
    unknown_years: tuple = ()

    @property
    def provisional(self):
        return bool(self.unknown_years)


def _parse_date(value, where):
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise HolidayTableError(
            zh(
                _("cat_bad_date_format", default="${where}：日期 ${value} 格式应为 YYYY-MM-DD"),
                where=where,
                value=value,
            )
        ) from error


def parse_table(table):
    """``{year: (off_days, makeup_days)}`` from the table as stored (JSON text or dict).

    A year entry with neither holidays nor make-up days is ignored: every real year has
    holidays, so an empty entry is a placeholder, and trusting it would hide R3.8's warning.
    """
    if isinstance(table, str):
        try:
            table = json.loads(table or "{}")
        except ValueError as error:
            raise HolidayTableError(
                zh(
                    _("cat_holiday_table_invalid_json", default="法定节假日表（${record}）不是有效的JSON：${error}"),
                    record=HOLIDAY_RECORD,
                    error=error,
                )
            ) from error
    years = {}
    for year, entry in (table or {}).items():
        entry = entry or {}
        where = zh(_("cat_holiday_table_where_year", default="法定节假日表 ${year}年"), year=year)
        off = frozenset(_parse_date(d, where) for d in entry.get("holidays") or {})
        makeup = frozenset(_parse_date(d, where) for d in entry.get("makeup_workdays") or ())
        if off or makeup:
            years[int(year)] = (off, makeup)
    return years


@functools.lru_cache(maxsize=8192)  # a pure function of the date, asked for every case's clocks
def _library_is_workday(day):
    """chinesecalendar's answer, or None for a year it does not cover."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class WorkingCalendar:
    """Working days by the site's table, then chinesecalendar, then weekends only."""
    def __init__(self, table=None):
        self.years = parse_table(table)

    @classmethod
    def from_registry(cls):
        """The calendar of the current site (its holiday table record)."""
        return cls(api.portal.get_registry_record(HOLIDAY_RECORD, default="{}"))

    def source(self, year):
        """Where the year's holidays come from: ``table``, ``chinesecalendar`` or None."""
        if year in self.years:
            return "table"
        if _library_is_workday(datetime.date(year, 1, 1)) is not None:
            return "chinesecalendar"
        return None

    def _working(self, day):
        """(is working day, whether the year's holidays are known)."""
        if day.year in self.years:
            off, makeup = self.years[day.year]
            if day in makeup:
                return True, True
            return day.weekday() < 5 and day not in off, True
        answer = _library_is_workday(day)
        if answer is None:
            return day.weekday() < 5, False
        return answer, True

    def is_working_day(self, day):
        return self._working(day)[0]

    def add_working_days(self, start, days, pauses=(), extension=0):
        """The day on which ``days`` (+ ``extension``) working days after ``start`` run out.

        Counting starts the day after ``start`` (the trigger). ``pauses`` are (first, last)
        date pairs, both included, during which the clock stops (R3.5): their working days
        do not count, so the due date moves by them — unless the limit ran out before the
        pause began. ``extension`` is the one extension granted (R3.2); it is checked by
        ``clocks.extend``, here it is just more days.
        """
        total = days + extension
        if total < 0:
            raise ValueError(zh(_("cat_negative_working_days", default="工作日数不能为负数")))
        spans = [_span(p) for p in pauses]
        unknown = set()
        day, counted = start, 0
        while counted < total:
            day += ONE_DAY
            if any(first <= day <= last for first, last in spans):
                continue
            working, known = self._working(day)
            if not known:
                unknown.add(day.year)
            if working:
                counted += 1
        return Deadline(day, tuple(sorted(unknown)))

    def working_days_between(self, first, second):
        """Working days after ``first`` up to and including ``second``; negative if earlier."""
        if second < first:
            return -self.working_days_between(second, first)
        day, count = first, 0
        while day < second:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def _span(pause):
    first, last = pause
    if last < first:
        raise ValueError(
            zh(
                _("cat_pause_span_reversed", default="暂停期间有误：结束日期 ${last} 早于开始日期 ${first}"),
                last=last,
                first=first,
            )
        )
    return first, last
