"""Deadline clocks (rules R3): working-day calendar, holiday sources, pauses, extension, status."""

from datetime import date
from plone import api
from shaoyang.licensing.city.data import read_profile
from shaoyang.licensing.setuphandlers.city import holiday_table_json
from shaoyang.licensing.deadlines import clocks
from shaoyang.licensing.deadlines import settings
from shaoyang.licensing.deadlines.calendar import HOLIDAY_RECORD
from shaoyang.licensing.deadlines.calendar import HolidayTableError
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.deadlines.pauses import Pause
from shaoyang.licensing.deadlines.pauses import PAUSE_REASONS
from shaoyang.licensing.deadlines.pauses import validate_pause_reason
from shaoyang.licensing.validation import InvalidValue
from zope.i18n import translate

import json
import pytest


# A made-up 2027 table for tests only: 元旦 falls on a Friday. Not the State Council's table.
TEST_TABLE_2027 = {
    "2027": {
        "source": "测试数据（非官方）",
        "holidays": {"2027-01-01": "元旦"},
        "makeup_workdays": [],
    }
}


def city_table():
    """The holiday table as the site stores it, from profiles/city/holidays.yaml."""
    return holiday_table_json(read_profile())


CALENDARS = {
    "chinesecalendar": lambda: WorkingCalendar(),
    "city table": lambda: WorkingCalendar(city_table()),
}


# -- R3.7: the checked dates, with each holiday source ---------------------------------------------


@pytest.mark.parametrize("source", sorted(CALENDARS))
@pytest.mark.parametrize(
    "start,days,due",
    [
        (date(2026, 9, 18), 20, date(2026, 10, 22)),
        (date(2026, 9, 18), 5, date(2026, 9, 24)),
        (date(2026, 2, 13), 5, date(2026, 2, 27)),
        (date(2026, 4, 30), 7, date(2026, 5, 13)),
        (date(2025, 9, 26), 20, date(2025, 10, 30)),
        (date(2025, 1, 24), 20, date(2025, 2, 27)),
    ],
)
def test_checked_dates_of_r37(source, start, days, due):
    deadline = CALENDARS[source]().add_working_days(start, days)
    assert deadline.due == due
    assert not deadline.provisional


def test_counting_starts_the_day_after_the_trigger():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(date(2026, 3, 9), 1).due == date(2026, 3, 10)  # Mon → Tue
    assert calendar.add_working_days(date(2026, 3, 13), 1).due == date(2026, 3, 16)  # Fri → Mon
    assert calendar.add_working_days(date(2026, 3, 13), 0).due == date(2026, 3, 13)


@pytest.mark.parametrize("source", sorted(CALENDARS))
def test_makeup_working_day_counts(source):
    calendar = CALENDARS[source]()
    assert calendar.is_working_day(date(2026, 9, 20))  # Sunday, 调休上班
    assert not calendar.is_working_day(date(2026, 9, 19))  # ordinary Saturday
    assert calendar.add_working_days(date(2026, 9, 19), 1).due == date(2026, 9, 20)


def test_working_days_between():
    calendar = WorkingCalendar()
    assert calendar.working_days_between(date(2026, 9, 18), date(2026, 10, 22)) == 20
    assert calendar.working_days_between(date(2026, 10, 22), date(2026, 9, 18)) == -20
    assert calendar.working_days_between(date(2026, 10, 1), date(2026, 10, 1)) == 0


# -- R3.8: years without holiday data --------------------------------------------------------------


def test_deadline_into_a_year_without_table_is_provisional():
    deadline = WorkingCalendar(city_table()).add_working_days(date(2026, 12, 15), 20)
    assert deadline.provisional
    assert deadline.unknown_years == (2027,)
    assert deadline.due == date(2027, 1, 12)  # weekends only: 2027-01-01 counted


def test_provisional_clock_carries_a_chinese_note():
    clock = clocks.decision_clock(date(2026, 12, 15), promised_days=20)
    note = translate(clocks.provisional_note(clock), target_language="zh_CN")
    assert "2027年节假日安排尚未载入" in note
    assert clocks.provisional_note(clocks.decision_clock(date(2026, 9, 18), 20)) is None


def test_deadline_into_a_year_with_a_loaded_table_respects_its_holidays():
    table = dict(json.loads(city_table()), **TEST_TABLE_2027)
    calendar = WorkingCalendar(table)
    deadline = calendar.add_working_days(date(2026, 12, 15), 20)
    assert not deadline.provisional
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert deadline.due == date(2027, 1, 13)


def test_empty_year_entry_is_a_placeholder_not_data():
    calendar = WorkingCalendar({"2027": {"holidays": {}, "makeup_workdays": []}})
    assert calendar.source(2027) is None
    assert calendar.add_working_days(date(2026, 12, 15), 20).provisional


def test_sources_by_year():
    calendar = WorkingCalendar(city_table())
    assert calendar.source(2026) == "table"
    assert calendar.source(2025) == "chinesecalendar"
    assert calendar.source(2027) is None
    assert calendar.source(2003) is None


def test_table_year_replaces_chinesecalendar_for_that_year():
    calendar = WorkingCalendar({"2025": {"holidays": {"2025-03-11": "测试假日"}}})
    assert not calendar.is_working_day(date(2025, 3, 11))
    # The table's 2025 is the whole truth for 2025: chinesecalendar's 国庆 is not consulted.
    assert calendar.is_working_day(date(2025, 10, 8))


def test_broken_table_is_a_clear_error():
    with pytest.raises(HolidayTableError, match="不是有效的JSON"):
        WorkingCalendar("{2026: ")
    with pytest.raises(HolidayTableError, match="2026年：日期 2026-13-01"):
        WorkingCalendar({"2026": {"holidays": {"2026-13-01": "错"}}})


def test_city_holiday_file_has_no_invented_2027():
    assert [y.year for y in read_profile().holiday_years] == [2026]


# -- R3.5: pauses ----------------------------------------------------------------------------------


def test_pause_moves_due_date_by_its_working_days():
    calendar = WorkingCalendar()
    hearing = Pause("hearing", date(2026, 10, 12), date(2026, 10, 16))  # Mon-Fri: 5 working days
    clock = clocks.decision_clock(
        date(2026, 9, 18), promised_days=20, pauses=[hearing], calendar=calendar
    )
    assert clock.due == date(2026, 10, 29)


def test_pause_over_holidays_counts_only_working_days():
    calendar = WorkingCalendar()
    # 09-30, 10-08, 10-09 are the working days of this span (国庆 in between).
    pauses = [(date(2026, 9, 30), date(2026, 10, 9))]
    deadline = calendar.add_working_days(date(2026, 9, 18), 20, pauses=pauses)
    assert deadline.due == date(2026, 10, 27)


def test_pause_after_the_limit_ran_out_changes_nothing():
    pauses = [(date(2026, 11, 2), date(2026, 11, 6))]
    deadline = WorkingCalendar().add_working_days(date(2026, 9, 18), 20, pauses=pauses)
    assert deadline.due == date(2026, 10, 22)


def test_add_pause_to_a_running_clock():
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20)
    paused = clocks.add_pause(clock, Pause("专家评审", date(2026, 10, 12), date(2026, 10, 13)))
    assert paused.due == date(2026, 10, 26)
    with pytest.raises(InvalidValue, match="证照送达时限不能暂停"):
        clocks.add_pause(clocks.delivery_clock(date(2026, 9, 18)), paused.pauses[0])


def test_running_pause_shows_paused_and_lasts_through_today():
    today = date(2026, 10, 14)
    test = Pause("testing", date(2026, 10, 12))  # still running: Mon-Wed so far
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20, pauses=[test], as_of=today)
    assert clock.due == date(2026, 10, 27)
    assert clocks.clock_status(clock, today) == "paused"


def test_pause_reasons_are_exactly_the_law_s_eight():
    assert sorted(t.default for t in PAUSE_REASONS.values()) == sorted(
        ["听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"]
    )
    assert validate_pause_reason("expert_review")
    assert validate_pause_reason("鉴定")
    assert Pause("专家评审", date(2026, 10, 12)).reason == "expert_review"


def test_pause_codes_match_the_case_workflow_s():
    from shaoyang.licensing.chain.parameters import PAUSE_REASONS as WORKFLOW_REASONS

    assert WORKFLOW_REASONS == {code: title.default for code, title in PAUSE_REASONS.items()}


@pytest.mark.parametrize("reason", ["补正材料", "领导出差", "holiday", ""])
def test_forbidden_pause_reason_is_refused_in_chinese(reason):
    with pytest.raises(InvalidValue, match="不予认可：依《行政许可法》第四十五条，只有听证、招标"):
        Pause(reason, date(2026, 10, 12))


def test_pause_ending_before_it_starts_is_refused():
    with pytest.raises(InvalidValue, match="早于开始日期"):
        Pause("hearing", date(2026, 10, 12), date(2026, 10, 9))


# -- R3.1-R3.4, R5.3, R6.3: the clocks -------------------------------------------------------------


def test_acceptance_clock_is_five_working_days():
    assert clocks.acceptance_clock(date(2026, 9, 18)).due == date(2026, 9, 24)


@pytest.mark.parametrize(
    "accepted,notice,start",
    [
        (date(2026, 9, 18), None, date(2026, 9, 18)),  # on the spot
        (date(2026, 9, 22), None, date(2026, 9, 22)),  # complete, accepted within the 5 days
        (date(2026, 9, 25), None, date(2026, 9, 18)),  # accepted late: counts from receipt
        (None, None, date(2026, 9, 18)),  # nothing recorded yet: the clock runs from receipt
        (date(2026, 10, 9), date(2026, 9, 24), date(2026, 10, 9)),  # notice in time
        (None, date(2026, 9, 24), None),  # notice in time, materials not completed yet
        (date(2026, 10, 9), date(2026, 9, 25), date(2026, 9, 18)),  # notice too late (Art. 32)
    ],
)
def test_decision_start(accepted, notice, start):
    assert clocks.decision_start(date(2026, 9, 18), accepted, notice) == start


@pytest.mark.parametrize(
    "promised,statutory,flow,limit",
    [
        (10, 20, "single", 10),
        (None, None, "single", 20),
        (None, None, "joint", 45),
        (30, None, "joint", 30),
        (25, 20, "single", 20),  # never above the statutory limit
        (None, 30, "single", 30),  # a special law's longer limit
    ],
)
def test_decision_limit(promised, statutory, flow, limit):
    assert clocks.decision_limit(promised, statutory, flow) == limit


def test_decision_clock_uses_promised_days():
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=5, statutory_days=20)
    assert (clock.days, clock.due) == (5, date(2026, 9, 24))


def test_extension_once_only():
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20)
    extended = clocks.extend(clock, 10, "审批负责人甲", "需现场核查")
    assert extended.due == date(2026, 11, 5)
    assert extended.extension == 10
    with pytest.raises(InvalidValue, match="延期只能一次"):
        clocks.extend(extended, 1, "审批负责人甲", "再延")


def test_extension_keeps_pauses():
    hearing = Pause("hearing", date(2026, 10, 12), date(2026, 10, 16))
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20, pauses=[hearing])
    assert clocks.extend(clock, 5, "甲", "理由").due == date(2026, 11, 5)


@pytest.mark.parametrize("flow,allowed,refused", [("single", 10, 11), ("joint", 15, 16)])
def test_extension_cap(flow, allowed, refused):
    clock = clocks.decision_clock(date(2026, 9, 18), flow=flow)
    assert clocks.extend(clock, allowed, "甲", "理由").extension == allowed
    with pytest.raises(InvalidValue, match=f"延期天数须为1至{allowed}个工作日"):
        clocks.extend(clock, refused, "甲", "理由")


def test_extension_needs_approval_and_reason():
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20)
    with pytest.raises(InvalidValue, match="负责人批准"):
        clocks.extend(clock, 5, "", "理由")
    with pytest.raises(InvalidValue, match="理由告知申请人"):
        clocks.extend(clock, 5, "甲", " ")
    with pytest.raises(InvalidValue, match="决定公示时限不能延期"):
        clocks.extend(clocks.disclosure_clock(date(2026, 9, 18)), 5, "甲", "理由")


def test_delivery_disclosure_and_followup_clocks():
    decided = date(2026, 9, 18)
    assert clocks.delivery_clock(decided).due == date(2026, 10, 9)
    assert clocks.disclosure_clock(decided).due == date(2026, 9, 29)
    assert clocks.followup_clock(decided).due == date(2026, 10, 15)  # 10-10 is 调休上班
    assert clocks.followup_clock(decided, days=11).due == date(2026, 10, 10)


# -- status ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today,done,status",
    [
        (date(2026, 10, 16), None, "on_time"),  # 4 working days left: 19, 20, 21, 22
        (date(2026, 10, 19), None, "due_soon"),  # 3 left
        (date(2026, 10, 22), None, "due_soon"),  # the due day itself
        (date(2026, 10, 23), None, "overdue"),
        (date(2026, 10, 30), date(2026, 10, 22), "done_on_time"),
        (date(2026, 10, 30), date(2026, 10, 23), "done_late"),
    ],
)
def test_clock_status(today, done, status):
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20)
    assert clocks.clock_status(clock, today, done) == status


def test_due_soon_window_is_configurable():
    clock = clocks.decision_clock(date(2026, 9, 18), promised_days=20)
    assert clocks.clock_status(clock, date(2026, 10, 16), due_soon_days=4) == "due_soon"
    assert clocks.clock_status(clock, date(2026, 10, 19), due_soon_days=0) == "on_time"


def test_status_titles_are_chinese():
    titles = {k: translate(v, target_language="zh_CN") for k, v in clocks.STATUS_TITLES.items()}
    assert titles["on_time"] == "按时"
    assert titles["due_soon"] == "即将到期"
    assert titles["overdue"] == "已超时"


# -- the site: registry table and settings ---------------------------------------------------------


def test_site_holiday_table_overrides_chinesecalendar(portal):
    fake_day = date(2026, 3, 10)  # an ordinary Tuesday for chinesecalendar
    assert WorkingCalendar().is_working_day(fake_day)
    table = json.loads(api.portal.get_registry_record(HOLIDAY_RECORD))
    table["2026"]["holidays"][fake_day.isoformat()] = "测试假日"
    api.portal.set_registry_record(HOLIDAY_RECORD, json.dumps(table, ensure_ascii=False))
    calendar = WorkingCalendar.from_registry()
    assert not calendar.is_working_day(fake_day)
    assert calendar.add_working_days(date(2026, 3, 9), 1).due == date(2026, 3, 11)


def test_site_settings(portal):
    assert settings.due_soon_days() == 3
    assert settings.followup_days() == 15
    api.portal.set_registry_record(settings.FOLLOWUP_RECORD, 10)
    assert settings.followup_days() == 10
