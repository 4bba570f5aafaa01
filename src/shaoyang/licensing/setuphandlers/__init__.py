"""Install and uninstall steps that GenericSetup XML cannot express."""

from plone import api
from plone.base.interfaces import INonInstallable
from shaoyang.licensing.setuphandlers.city import load_city_profile
from shaoyang.licensing.setuphandlers.city import load_demo_staff
from shaoyang.licensing.roles import department_group_id
from shaoyang.licensing.roles import role_group_id
from shaoyang.licensing.roles import ROLE_TITLES
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Profiles not offered in the add-on control panel."""
        return ["shaoyang.licensing:uninstall", "shaoyang.licensing:demo"]


def post_install(context):
    """Load the city's data profile (departments, role groups, holiday table)."""
    load_city_profile(api.portal.get())


def post_install_demo(context):
    """Create the demo staff accounts."""
    load_demo_staff(api.portal.get())


def uninstall(context):
    """Remove the groups the add-on made; user accounts stay (they may hold history)."""
    portal_groups = api.portal.get_tool("portal_groups")
    group_ids = [role_group_id(r) for r in ROLE_TITLES]
    group_ids += [
        g.getId() for g in api.group.get_groups() if g.getId().startswith(department_group_id(""))
    ]
    for group_id in group_ids:
        if api.group.get(groupname=group_id) is not None:
            portal_groups.removeGroup(group_id)
