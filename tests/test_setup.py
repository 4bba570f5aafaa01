"""The add-on installs and uninstalls cleanly (foundation issue, item 7)."""

from plone import api
from shaoyang.licensing.interfaces import IShaoyangLicensingLayer

import pytest


class TestInstall:
    def test_product_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer_registered(self, browser_layers):
        assert IShaoyangLicensingLayer in browser_layers

    def test_profile_version(self, setup_tool):
        assert setup_tool.getLastVersionForProfile("shaoyang.licensing:default") == ("1003",)

    @pytest.mark.parametrize(
        "role",
        ["Receiver", "Reviewer", "Checker", "Approver", "Deliverer", "DisclosureOfficer",
         "Archivist", "Supervisor"],
    )
    def test_chain_roles_exist(self, portal, role):
        assert role in portal.validRoles()

    def test_item_workflow_installed(self, portal):
        assert "licensing_item_workflow" in api.portal.get_tool("portal_workflow").objectIds()

    def test_site_language_and_timezone(self, portal):
        assert api.portal.get_registry_record("plone.default_language") == "zh-cn"
        assert api.portal.get_registry_record("plone.portal_timezone") == "Asia/Shanghai"


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, installer, package_name):
        installer.uninstall_product(package_name)

    def test_product_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IShaoyangLicensingLayer not in browser_layers

    def test_workflow_removed(self, portal):
        assert "licensing_item_workflow" not in api.portal.get_tool("portal_workflow").objectIds()

    def test_role_groups_removed(self, portal):
        assert api.group.get(groupname="Receivers") is None
        assert api.group.get(groupname="department-scjg") is None

    def test_holiday_record_removed(self, portal):
        assert api.portal.get_registry_record("shaoyang.licensing.holiday_table", default=None) is None


def test_theme_applies_on_127_0_0_1(portal):
    """The site is served on 127.0.0.1, which Plone leaves unthemed unless told otherwise."""
    assert api.portal.get_registry_record(
        "plone.app.theming.interfaces.IThemeSettings.hostnameBlacklist"
    ) == []
