"""The service guide (R1.5) is public for items in force, through the page and REST."""

from helpers import make_item
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import pytest
import requests
import transaction


@pytest.fixture
def item_url(functional):
    item = make_item(functional["portal"])
    transaction.commit()
    return item.absolute_url()


def get_json(url, auth=None):
    return requests.get(url, headers={"Accept": "application/json"}, auth=auth, timeout=30)


def test_anonymous_reads_the_guide_over_rest(item_url):
    response = get_json(f"{item_url}/@service-guide")
    assert response.status_code == 200
    guide = response.json()
    assert guide["item_code"] == "XK09901000"
    assert [s["title"] for s in guide["sections"]][:3] == ["适用范围", "项目信息", "事项审查类型"]
    assert len(guide["sections"]) == 21


def test_anonymous_reads_the_guide_page(item_url):
    html = requests.get(item_url, timeout=30).text
    assert "服务指南" in html and "办理基本流程" in html and "食品经营许可申请书" in html


def test_draft_item_guide_is_not_public(functional):
    portal = functional["portal"]
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        from helpers import item_fields
        from shaoyang.licensing.catalogue.lookup import catalogue_folder

        draft = api.content.create(
            container=catalogue_folder(), type="LicensingItem", id="xk09902000",
            **item_fields(code_main="09902"),
        )
    transaction.commit()
    assert get_json(f"{draft.absolute_url()}/@service-guide").status_code == 401
    staff = get_json(f"{draft.absolute_url()}/@service-guide", auth=("zhouqiang", "shaoyang-demo"))
    assert staff.status_code == 200


def test_item_over_rest_shows_codes_and_validates_limits(functional, item_url):
    manager = (SITE_OWNER_NAME, "secret")
    item = get_json(item_url, auth=manager).json()
    assert item["promised_days"] == 10
    response = requests.patch(
        item_url, json={"promised_days": 30, "change_reason": "调整"}, auth=manager,
        headers={"Accept": "application/json"}, timeout=30,
    )
    assert response.status_code == 400
    assert "承诺时限（30个工作日）不得超过法定时限（20个工作日）" in response.json()["message"]
    response = requests.patch(
        item_url, json={"promised_days": 8}, auth=manager, headers={"Accept": "application/json"}, timeout=30
    )
    assert response.status_code == 400
    assert "须填写变更原因" in response.json()["message"]
    response = requests.patch(
        item_url, json={"promised_days": 8, "change_reason": "压缩时限"}, auth=manager,
        headers={"Accept": "application/json"}, timeout=30,
    )
    assert response.status_code == 204
    assert get_json(f"{item_url}/@service-guide").json()["version"] == 2
