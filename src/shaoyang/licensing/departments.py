"""The city's departments as the site knows them (loaded from profiles/city/departments.yaml)."""

from plone import api

import json


RECORD = "shaoyang.licensing.departments"


def all_departments():
    """``{code: {"name", "credit_code", "doc_prefix"}}`` in profile order."""
    return json.loads(api.portal.get_registry_record(RECORD, default="{}") or "{}")


def department(code):
    """One department's data; KeyError for an unknown code."""
    return all_departments()[code]


def department_name(code):
    return all_departments().get(code, {}).get("name", code)
