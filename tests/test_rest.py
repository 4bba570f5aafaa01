"""REST over HTTP against the functional server: the search-status endpoint and its permissions."""

import pytest
import requests


STAFF = ("zhouqiang", "shaoyang-demo")


@pytest.fixture
def site_url(functional):
    return f"http://{functional['host']}:{functional['port']}/plone"


def get(url, auth=None):
    return requests.get(url, headers={"Accept": "application/json"}, auth=auth, timeout=30)


def test_anonymous_may_not_see_search_status(site_url):
    response = get(f"{site_url}/@search-status")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "userid", ["zhangwei", "liuna", "wangfang", "chenjun", "zhaomin", "sunli", "zhouqiang"]
)
def test_every_chain_role_sees_search_status(site_url, userid):
    response = get(f"{site_url}/@search-status", auth=(userid, "shaoyang-demo"))
    assert response.status_code == 200
    assert "available" in response.json()


def test_plain_member_may_not_see_search_status(site_url, functional):
    from plone import api

    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="m@example.org", username="member", password="member-pass-1")
    transaction.commit()
    response = get(f"{site_url}/@search-status", auth=("member", "member-pass-1"))
    assert response.status_code == 401


def test_site_speaks_chinese(site_url):
    response = get(site_url, auth=STAFF)
    assert response.status_code == 200
    assert response.json()["language"]["token"] == "zh-cn"
