"""The city's data profile under profiles/city loads, is checked, and reaches the site."""

from plone import api
from shaoyang.licensing.city import data
from shaoyang.licensing.setuphandlers.city import load_city_profile

import json
import pytest
import shutil


@pytest.fixture
def profile_copy(tmp_path):
    """A writable copy of the real profile, to break on purpose."""
    target = tmp_path / "city"
    shutil.copytree(data.profile_dir(), target)
    return target


def test_real_profile_reads():
    profile = data.read_profile()
    assert {d.code for d in profile.departments} >= {"xzsp", "scjg", "wsjk", "jtys", "zjj"}
    assert {r for s in profile.staff for r in s.roles} == set(data.ROLES)
    assert 2026 in [y.year for y in profile.holiday_years]


def test_env_var_points_elsewhere(profile_copy, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(profile_copy))
    assert data.profile_dir() == profile_copy


def test_env_var_to_missing_dir_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(data.CityProfileError, match="城市数据目录不存在"):
        data.profile_dir()


def test_bad_credit_code_names_the_department(profile_copy):
    path = profile_copy / "departments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("11430500MB1543001W", "11430500MB1543001X"),
        encoding="utf-8",
    )
    with pytest.raises(data.CityProfileError, match="邵阳市市场监督管理局.*校验位错误"):
        data.read_profile(profile_copy)


def test_unknown_role_is_rejected(profile_copy):
    path = profile_copy / "staff.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[Checker]", "[Boss]"), encoding="utf-8"
    )
    with pytest.raises(data.CityProfileError, match="未知角色 Boss"):
        data.read_profile(profile_copy)


def test_makeup_workday_on_a_weekday_is_rejected(profile_copy):
    path = profile_copy / "holidays.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- 2026-01-04", "- 2026-01-05"), encoding="utf-8"
    )
    with pytest.raises(data.CityProfileError, match="2026-01-05 不是周末"):
        data.read_profile(profile_copy)


def test_broken_yaml_is_a_clear_error(profile_copy):
    (profile_copy / "items.yaml").write_text("items: [unclosed", encoding="utf-8")
    with pytest.raises(data.CityProfileError, match="items.yaml 不是有效的YAML"):
        data.read_profile(profile_copy)


def test_holiday_table_matches_chinesecalendar_for_2026():
    """The loaded 2026 table and the chinesecalendar package agree day by day (R3.8)."""
    import chinese_calendar
    import datetime

    year = next(y for y in data.read_profile().holiday_years if y.year == 2026)
    day = datetime.date(2026, 1, 1)
    while day.year == 2026:
        weekend = day.weekday() >= 5
        table_workday = (day in year.makeup_workdays) if weekend else (day not in year.holidays)
        assert table_workday == chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)


class TestLoadedIntoSite:
    def test_department_groups(self, portal):
        group = api.group.get(groupname="department-scjg")
        assert group.getProperty("title") == "邵阳市市场监督管理局"

    def test_role_groups_carry_their_role(self, portal):
        group = api.group.get(groupname="Archivists")
        assert "Archivist" in group.getRoles()
        assert group.getProperty("title") == "档案员"

    def test_demo_staff_have_roles_and_department(self, portal):
        user = api.user.get(userid="chenjun")
        assert user.getProperty("fullname") == "陈军"
        assert "Approver" in api.user.get_roles(user=user)
        assert "department-scjg" in [g.getId() for g in api.group.get_groups(user=user)]

    def test_holiday_table_in_registry(self, portal):
        table = json.loads(api.portal.get_registry_record("shaoyang.licensing.holiday_table"))
        assert table["2026"]["holidays"]["2026-10-01"] == "国庆节"
        assert "2026-09-20" in table["2026"]["makeup_workdays"]

    def test_reload_is_idempotent(self, portal):
        before = len(api.group.get_groups())
        summary = load_city_profile(portal)
        assert summary["departments"] == 11
        assert len(api.group.get_groups()) == before
