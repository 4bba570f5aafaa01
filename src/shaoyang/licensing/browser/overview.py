"""The archive's start page for staff."""

from plone import api
from Products.Five.browser import BrowserView
from shaoyang.licensing.search.status import search_status
from shaoyang.licensing.roles import department_group_id
from shaoyang.licensing.roles import ROLE_TITLES

import json


class OverviewView(BrowserView):
    def search(self):
        return search_status()

    def departments(self):
        prefix = department_group_id("")
        groups = [g for g in api.group.get_groups() if g.getId().startswith(prefix)]
        return sorted((g.getProperty("title") for g in groups), key=str)

    def my_roles(self):
        """Chinese names of the chain roles the current user holds here."""
        roles = api.user.get_roles(obj=self.context)
        return [ROLE_TITLES[r] for r in ROLE_TITLES if r in roles]

    def counts(self):
        """How much the archive holds, counted by the catalog (so only what the user may see)."""
        catalog = api.portal.get_tool("portal_catalog")
        return {
            "items": len(catalog.unrestrictedSearchResults(portal_type="LicensingItem")),
            "cases": len(catalog(portal_type="CaseFile")),
        }

    def holiday_years(self):
        table = api.portal.get_registry_record("shaoyang.licensing.holiday_table", default="{}")
        return sorted(json.loads(table or "{}"))
