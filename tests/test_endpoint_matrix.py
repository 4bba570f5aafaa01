"""Every REST endpoint of a case and of the supervision tools, tried as anonymous and as a
receiver of another department: none answers with data (issue 4's "every path")."""

from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME

import pytest
import requests
import transaction


CASE_ENDPOINTS = [
    ("GET", ""), ("GET", "/@journal"), ("GET", "/@assignments"), ("POST", "/@assignments"),
    ("POST", "/@substitutions"), ("POST", "/@extension"), ("GET", "/@clocks"),
    ("POST", "/@workflow/accept"), ("POST", "/@accountability-proposals/decision-1"),
    ("GET", "/@case-pdf"),
]
SITE_ENDPOINTS = [
    ("GET", "/@accountability-proposals"), ("POST", "/@accountability-proposals"),
    ("POST", "/@holiday-table"), ("GET", "/@zero-overdue"), ("GET", "/@evaluation-statistics"),
    ("GET", "/@supervision-dashboard"), ("GET", "/@case-search"), ("GET", "/@search-status"),
]


@pytest.fixture
def urls(functional):
    portal = functional["portal"]
    make_item(portal)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username="jtys_receiver", password="shaoyang-demo")
        api.group.add_user(groupname="Receivers", username="jtys_receiver")
        api.group.add_user(groupname="department-jtys", username="jtys_receiver")
    transaction.commit()
    site = f"http://{functional['host']}:{functional['port']}/plone"
    case = requests.post(f"{site}/cases", json={"@type": "CaseFile", "item_code": TEST_ITEM_CODE},
                         headers={"Accept": "application/json"}, auth=("zhangwei", "shaoyang-demo"), timeout=30)
    return site, case.json()["@id"]


@pytest.mark.parametrize("user", [None, "jtys_receiver"])
def test_case_endpoints_refuse_outsiders(urls, user):
    _, case = urls
    auth = (user, "shaoyang-demo") if user else None
    for method, path in CASE_ENDPOINTS:
        response = requests.request(method, f"{case}{path}", json={}, auth=auth, timeout=30,
                                    headers={"Accept": "application/json"}, allow_redirects=False)
        assert response.status_code in (401, 403), (method, path, response.status_code)


@pytest.mark.parametrize("method,path", SITE_ENDPOINTS)
def test_site_endpoints_refuse_anonymous(urls, method, path):
    site, _ = urls
    response = requests.request(method, f"{site}{path}", json={}, timeout=30,
                                headers={"Accept": "application/json"}, allow_redirects=False)
    assert response.status_code in (401, 403), response.status_code


def test_global_duties_stop_at_a_secret_case(urls):
    site, _ = urls
    secret = requests.post(f"{site}/cases", json={"@type": "CaseFile", "item_code": TEST_ITEM_CODE,
                                                  "classification": "secret", "disclosure": "withheld"},
                           headers={"Accept": "application/json"}, auth=("zhangwei", "shaoyang-demo"), timeout=30)
    url = secret.json()["@id"]
    headers = {"Accept": "application/json"}
    # a supervisor not named on it reads no journal; an approver of the department assigns nothing
    assert requests.get(f"{url}/@journal", headers=headers, auth=("zhouqiang", "shaoyang-demo"),
                        timeout=30).status_code in (401, 403)
    assert requests.post(f"{url}/@assignments", json={"principal": "chenjun", "cause": "named_reader"},
                         headers=headers, auth=("chenjun", "shaoyang-demo"), timeout=30).status_code in (401, 403)
