"""The item catalogue: codes (R2.1), versions (R1.4), service guide (R1.5), city list loading."""

from helpers import make_item
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from shaoyang.licensing.catalogue import versions
from shaoyang.licensing.catalogue.guide import guide_sections
from shaoyang.licensing.catalogue.guide import SECTION_TITLES
from shaoyang.licensing.catalogue.importer import import_items
from shaoyang.licensing.catalogue.lookup import item_by_code
from shaoyang.licensing.city.data import read_profile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


@pytest.fixture
def item(portal):
    return make_item(portal)


def test_r2_1_codes_are_stored_as_segments(item):
    assert (item.code_main, item.code_sub, item.code_type) == ("09901", "000", "XK")
    assert item.item_code == "XK09901000"
    assert item.getId() == "xk09901000"
    # division 430500 + the implementing body's credit code + basic code
    assert item.implementation_code == "430500" + "11430500MB1543001W" + "XK09901000"


def test_r1_4_first_version_is_recorded_with_who_and_why(item):
    first = versions.version_data(item, 1)
    assert first["change"] == "establish"
    assert first["actor"] == SITE_OWNER_NAME
    assert first["data"]["promised_days"] == 10


def test_r1_4_change_creates_version_and_old_stays(item):
    item.promised_days = 8
    item.change_reason = "压缩承诺时限"
    notify(ObjectModifiedEvent(item))
    assert versions.current_version(item) == 2
    assert versions.version_data(item, 2)["reason"] == "压缩承诺时限"
    assert versions.version_data(item, 1)["data"]["promised_days"] == 10
    assert versions.version_data(item, 2)["data"]["promised_days"] == 8


def test_r1_4_edit_without_change_does_not_make_a_version(item):
    notify(ObjectModifiedEvent(item))
    assert versions.current_version(item) == 1


def test_r1_4_abolished_item_stays_readable_with_a_version(portal, item):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.transition(item, transition="abolish", comment="国务院决定取消")
    assert api.content.get_state(item) == "abolished"
    last = versions.version_data(item, versions.current_version(item))
    assert (last["change"], last["reason"]) == ("abolish", "国务院决定取消")
    archivist = api.user.get(userid="sunli")
    assert api.user.has_permission("View", user=archivist, obj=item)
    with pytest.raises(KeyError, match="没有第9版"):
        versions.version_data(item, 9)


def test_r1_5_service_guide_has_21_sections_in_order(item):
    guide = guide_sections(item)
    titles = [s["title"] for s in guide["sections"]]
    assert titles == [t for _, t in SECTION_TITLES]
    assert len(titles) == 21
    assert titles[0] == "适用范围" and titles[-1] == "公开查询"
    by_id = {s["id"]: s["content"] for s in guide["sections"]}
    assert by_id["time_limit"]["promised_days"] == 10
    assert by_id["fee"] == {"charged": False, "text": "不收费"}
    assert by_id["deciding_agency"] == "邵阳市市场监督管理局"
    assert [a["title"] for a in guide["appendices"]] == ["申请表格及示范文本", "办理流程图"]


def test_city_catalogue_loaded_at_site_creation(portal):
    profile = read_profile()
    for entry in profile.items:
        item = item_by_code(entry["code"])
        assert item is not None, entry["code"]
        assert item.title == entry["name"]


def test_reimport_makes_versions_only_for_changed_items(portal):
    entries = [dict(e) for e in read_profile().items]
    if not entries:
        pytest.skip("the city catalogue is empty")
    assert import_items(portal, entries)["changed"] == 0
    entries[0]["promised_days"] = max(1, int(entries[0]["promised_days"]) - 1)
    counts = import_items(portal, entries)
    assert counts["changed"] == 1
    item = item_by_code(entries[0]["code"])
    assert versions.version_data(item, versions.current_version(item))["reason"].startswith("清单重新导入")
