"""Read and check the city's data profile: plain YAML files under the repository's ``profiles/city``.

The files are data reviewed by people, so every problem is reported with the file, the entry
and a Chinese reason, and nothing is applied to the site until the whole profile reads cleanly.
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from shaoyang.licensing import _
from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.roles import CHAIN_ROLES

import datetime
import os
import yaml


ENV_VAR = "SHAOYANG_CITY_PROFILE"

ROLES = CHAIN_ROLES


class CityProfileError(ValueError):
    """The data profile is missing or malformed; the message says where, in Chinese."""


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    credit_code: str
    doc_prefix: str  # 文号机关代字, e.g. 邵市监 in 邵市监许〔2026〕1号


@dataclass(frozen=True)
class StaffMember:
    userid: str
    fullname: str
    department: str
    roles: tuple
    password: str


@dataclass(frozen=True)
class HolidayYear:
    year: int
    source: str
    holidays: dict  # date -> name
    makeup_workdays: tuple  # dates


@dataclass(frozen=True)
class CityProfile:
    path: Path
    departments: tuple
    staff: tuple
    items: tuple
    holiday_years: tuple = field(default=())

    def department(self, code):
        return next(d for d in self.departments if d.code == code)


def profile_dir():
    """The folder holding the city's data files.

    ``SHAOYANG_CITY_PROFILE`` wins; otherwise the ``profiles/city`` folder of the checkout the
    add-on is installed from (an editable install, as ``make install`` makes).
    """
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
        if not path.is_dir():
            raise CityProfileError(
                zh(
                    _("cat_city_dir_missing", default="${var} 指向的城市数据目录不存在：${path}"),
                    var=ENV_VAR,
                    path=path,
                )
            )
        return path
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "profiles" / "city"
        if (candidate / "departments.yaml").is_file():
            return candidate
    raise CityProfileError(
        zh(
            _("cat_city_dir_not_found", default="找不到城市数据目录 profiles/city；请设置环境变量 ${var}"),
            var=ENV_VAR,
        )
    )


def _read(path, key):
    if not path.is_file():
        raise CityProfileError(zh(_("cat_city_file_missing", default="缺少数据文件：${path}"), path=path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise CityProfileError(
            zh(
                _("cat_city_invalid_yaml", default="${file} 不是有效的YAML：${error}"),
                file=path.name,
                error=error,
            )
        ) from error
    if not isinstance(data, dict) or key not in data:
        raise CityProfileError(
            zh(_("cat_city_missing_key", default="${file} 缺少顶层键 “${key}”"), file=path.name, key=key)
        )
    return data[key] or []


def _require(entry, keys, where):
    missing = [k for k in keys if not entry.get(k)]
    if missing:
        raise CityProfileError(
            zh(
                _("cat_city_missing_fields", default="${where} 缺少字段：${fields}"),
                where=where,
                fields="、".join(missing),
            )
        )


def _departments(path):
    result, seen = [], set()
    for n, entry in enumerate(_read(path / "departments.yaml", "departments"), 1):
        where = zh(_("cat_city_where_department", default="departments.yaml 第${n}个单位"), n=n)
        _require(entry, ("code", "name", "credit_code"), where)
        if entry["code"] in seen:
            raise CityProfileError(
                zh(
                    _("cat_city_duplicate_department", default="${where}：单位代码 ${code} 重复"),
                    where=where,
                    code=entry["code"],
                )
            )
        error = credit_code_error(str(entry["credit_code"]))
        if error:
            raise CityProfileError(f"{where}（{entry['name']}）：{error}")
        seen.add(entry["code"])
        result.append(
            Department(
                entry["code"],
                entry["name"],
                entry["credit_code"],
                entry.get("doc_prefix") or entry["code"].upper(),
            )
        )
    return tuple(result)


def _staff(path, department_codes):
    result, seen = [], set()
    for n, entry in enumerate(_read(path / "staff.yaml", "staff"), 1):
        where = zh(_("cat_city_where_staff", default="staff.yaml 第${n}名工作人员"), n=n)
        _require(entry, ("userid", "fullname", "department", "roles", "password"), where)
        if entry["userid"] in seen:
            raise CityProfileError(
                zh(
                    _("cat_city_duplicate_user", default="${where}：用户名 ${userid} 重复"),
                    where=where,
                    userid=entry["userid"],
                )
            )
        if entry["department"] not in department_codes:
            raise CityProfileError(
                zh(
                    _("cat_city_unknown_department", default="${where}：单位代码 ${code} 不在 departments.yaml 中"),
                    where=where,
                    code=entry["department"],
                )
            )
        unknown = [r for r in entry["roles"] if r not in ROLES]
        if unknown:
            raise CityProfileError(
                zh(
                    _("cat_city_unknown_roles", default="${where}：未知角色 ${roles}"),
                    where=where,
                    roles="、".join(unknown),
                )
            )
        seen.add(entry["userid"])
        result.append(
            StaffMember(
                entry["userid"],
                entry["fullname"],
                entry["department"],
                tuple(entry["roles"]),
                str(entry["password"]),
            )
        )
    return tuple(result)


def _date(value, where):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise CityProfileError(
            zh(
                _("cat_bad_date_format", default="${where}：日期 ${value} 格式应为 YYYY-MM-DD"),
                where=where,
                value=value,
            )
        ) from error


def _holiday_years(path):
    return parse_holiday_years(_read(path / "holidays.yaml", "years"))


def parse_holiday_years(data, where_prefix="holidays.yaml"):
    """Checked HolidayYear tuples from ``{year: {source, holidays, makeup_workdays}}`` data."""
    result = []
    for year, entry in sorted((data or {}).items()):
        where = zh(_("cat_city_where_year", default="${prefix} ${year}年"), prefix=where_prefix, year=year)
        entry = entry or {}
        holidays = {_date(d, where): name for d, name in (entry.get("holidays") or {}).items()}
        makeup = tuple(_date(d, where) for d in entry.get("makeup_workdays") or ())
        for day in list(holidays) + list(makeup):
            if day.year != int(year):
                raise CityProfileError(
                    zh(
                        _("cat_city_date_outside_year", default="${where}：日期 ${day} 不属于该年度"),
                        where=where,
                        day=day,
                    )
                )
        for day in makeup:
            if day.weekday() < 5:
                raise CityProfileError(
                    zh(
                        _("cat_city_makeup_not_weekend", default="${where}：调休上班日 ${day} 不是周末"),
                        where=where,
                        day=day,
                    )
                )
        result.append(HolidayYear(int(year), entry.get("source", ""), holidays, makeup))
    return tuple(result)


def read_profile(path=None):
    """The whole city profile, checked; raises CityProfileError on the first problem found."""
    path = Path(path) if path else profile_dir()
    departments = _departments(path)
    staff = _staff(path, {d.code for d in departments})
    items = tuple(_read(path / "items.yaml", "items"))
    return CityProfile(path, departments, staff, items, _holiday_years(path))
