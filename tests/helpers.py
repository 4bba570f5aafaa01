"""Shared test data: a catalogue item the tests own, so they do not depend on the city's list."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME


TEST_ITEM_CODE = "XK09901000"


def item_fields(**overrides):
    fields = {
        "title": "测试事项：食品经营许可",
        "kind": "licensing",
        "code_main": "09901",
        "code_sub": "000",
        "agency": "scjg",
        "accepting_agency": "xzsp",
        "deciding_agency": "scjg",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "conditions": "有与经营的食品品种、数量相适应的经营场所。",
        "flow": "single",
        "statutory_days": 20,
        "promised_days": 10,
        "result_name": "食品经营许可证",
        "validity": "5年",
        "materials": [
            {"name": "食品经营许可申请书", "form": "original", "count": 1, "mandatory": True},
            {"name": "营业执照", "form": "copy", "count": 1, "mandatory": True},
            {"name": "食品安全管理制度", "form": "original", "count": 1, "mandatory": False},
        ],
        "review_points": ["申请人主体资格是否合法", "经营场所是否符合要求"],
        "contact": "0739-5320000",
    }
    fields.update(overrides)
    return fields


def make_item(portal, **overrides):
    """A LicensingItem in force, created by the site owner (a real Manager: role guards
    check the user's roles, which adopt_roles does not change)."""
    from shaoyang.licensing.catalogue.lookup import catalogue_folder

    fields = item_fields(**overrides)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        item = api.content.create(
            container=catalogue_folder(),
            type="LicensingItem",
            id=f"xk{fields['code_main']}{fields['code_sub']}",
            **fields,
        )
        api.content.transition(item, transition="make_effective")
    return item
