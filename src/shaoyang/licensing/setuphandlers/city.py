"""Apply the city's data profile to a Plone site: groups for roles and departments, holiday table.

Running it again updates what exists and adds what is new; it never deletes, so data entered
through the site survives a re-import.
"""

from plone import api
from shaoyang.licensing.case.repository import ensure_case_repository
from shaoyang.licensing.catalogue.importer import import_items
from shaoyang.licensing.city.data import read_profile
from shaoyang.licensing.deadlines.calendar import HOLIDAY_RECORD
from shaoyang.licensing.deadlines.holiday_table import table_entry
from shaoyang.licensing.supervision.content import ensure_supervision_repository
from shaoyang.licensing.roles import department_group_id
from shaoyang.licensing.roles import role_group_id
from shaoyang.licensing.roles import ROLE_TITLES
from zope.i18n import translate

import json
import logging


logger = logging.getLogger("shaoyang.licensing")

DEPARTMENTS_RECORD = "shaoyang.licensing.departments"


def _ensure_group(groupid, title, roles=()):
    group = api.group.get(groupname=groupid)
    if group is None:
        group = api.group.create(groupname=groupid, title=title, roles=list(roles))
    else:
        group.setGroupProperties({"title": title})
        if roles:
            api.group.grant_roles(groupname=groupid, roles=list(roles))
    return group


def departments_json(profile):
    """The departments of the profile as the JSON kept in the registry (profile order)."""
    return json.dumps(
        {
            d.code: {"name": d.name, "credit_code": d.credit_code, "doc_prefix": d.doc_prefix}
            for d in profile.departments
        },
        ensure_ascii=False,
    )


def holiday_table_json(profile):
    """The holiday years of the profile as the JSON kept in the registry."""
    return json.dumps(
        {str(y.year): table_entry(y) for y in profile.holiday_years}, ensure_ascii=False, sort_keys=True
    )


def load_city_profile(portal, profile=None):
    """Create or update role groups, department groups and the holiday table; return a summary."""
    profile = profile or read_profile()
    for role, title in ROLE_TITLES.items():
        _ensure_group(role_group_id(role), translate(title, target_language="zh_CN"), [role])
    for department in profile.departments:
        _ensure_group(department_group_id(department.code), department.name)
    api.portal.set_registry_record(DEPARTMENTS_RECORD, departments_json(profile))
    api.portal.set_registry_record(HOLIDAY_RECORD, holiday_table_json(profile))
    ensure_case_repository(portal)
    ensure_supervision_repository(portal)
    summary = {
        "catalogue": import_items(portal, profile.items),
        "departments": len(profile.departments),
        "holiday_years": [y.year for y in profile.holiday_years],
        "items": len(profile.items),
    }
    logger.info("City profile loaded from %s: %s", profile.path, summary)
    return summary


def load_demo_staff(portal, profile=None):
    """Create the demo staff accounts of ``staff.yaml`` with their role and department groups."""
    profile = profile or read_profile()
    created = 0
    for member in profile.staff:
        user = api.user.get(userid=member.userid)
        if user is None:
            user = api.user.create(
                email=f"{member.userid}@example.shaoyang.gov.cn",
                username=member.userid,
                password=member.password,
                properties={"fullname": member.fullname},
            )
            created += 1
        groups = [role_group_id(r) for r in member.roles]
        groups.append(department_group_id(member.department))
        for groupid in groups:
            api.group.add_user(groupname=groupid, username=member.userid)
    logger.info("Demo staff: %d accounts, %d new", len(profile.staff), created)
    return {"staff": len(profile.staff), "created": created}
