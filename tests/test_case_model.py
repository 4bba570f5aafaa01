"""Case file structure in the site: allowed types, classification defaults (R5.1, R5.2),
item-version pinning (R1.4), missing materials for the one-time notice (R3.1)."""

from helpers import make_item
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.case.classification import classification_mark
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import pytest


@pytest.fixture
def case(portal):
    make_item(portal)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return createContentInContainer(
        portal["cases"], "CaseFile", item_code="XK09901000", classification="personal",
        disclosure="withheld",
    )


def test_each_container_allows_only_what_belongs_in_it(portal, case):
    allowed = {fti.getId() for fti in case.allowedContentTypes()}
    assert allowed == {
        "Application", "Attachment", "ReviewOpinion", "Decision", "Delivery",
        "Inspection", "Rectification", "Accountability", "Evaluation",
    }
    assert {f.getId() for f in portal["cases"].allowedContentTypes()} == {"CaseFile"}
    assert {f.getId() for f in portal["catalogue"].allowedContentTypes()} == {"LicensingItem"}
    assert "CaseFile" not in {f.getId() for f in portal.allowedContentTypes()}


def test_records_take_classification_and_disclosure_from_their_case(case):
    opinion = createContentInContainer(
        case, "ReviewOpinion", step="first_review", opinion="agree", text="材料齐全，同意受理。",
        opinion_date=datetime.date.today(),
    )
    assert (opinion.classification, opinion.disclosure) == ("personal", "withheld")


def test_r5_1_classification_mark():
    assert classification_mark("confidential", 5) == "机密★5年"
    assert classification_mark("top_secret") == "绝密★30年"
    assert classification_mark("internal") == ""


def test_r1_4_case_keeps_the_version_it_was_filed_under(portal, case):
    item = case.item()
    item.promised_days = 5
    item.change_reason = "压缩时限"
    notify(ObjectModifiedEvent(item))
    assert case.item_version == 1
    assert case.item_version_data()["data"]["promised_days"] == 10
    later = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000")
    assert later.item_version == 2


def test_abolished_item_cannot_take_new_cases_but_old_ones_read_it(portal, case):
    from zope.interface import Invalid

    api.content.transition(case.item(), transition="abolish", comment="取消")
    with pytest.raises(Invalid, match="未生效或已取消"):
        createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000")
    assert case.item_version_data()["data"]["title"] == "测试事项：食品经营许可"


def test_r3_1_missing_mandatory_materials_are_listed_at_once(case):
    application = createContentInContainer(
        case, "Application", applicant_type="person", applicant_name="李明",
        id_number="11010519491231002X", phone="13812345678", received_date=datetime.date.today(),
        submitted_materials=["食品经营许可申请书"],
    )
    assert application.missing_materials() == ["营业执照"]
