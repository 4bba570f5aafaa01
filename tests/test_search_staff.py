"""Staff search over REST and the page (issue 7): per-user results and facet counts, exact
numbers, Chinese words with highlight, degraded mode when the node is unreachable."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from helpers import make_item  # noqa: E402
from plone import api  # noqa: E402
from test_search_helpers import add_other_departments_receiver  # noqa: E402
from test_search_helpers import closed_port_url  # noqa: E402
from test_search_helpers import empty_case_index  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from shaoyang.licensing.search import index as case_index  # noqa: E402

import pytest  # noqa: E402
import requests  # noqa: E402
import transaction  # noqa: E402


pytestmark = pytest.mark.search
PASSWORD = "shaoyang-demo"
LEVELS = ("internal", "personal", "secret")
ID_NUMBERS = {"internal": "11010519491231002X", "personal": "110105194912310037", "secret": "110105194912310045"}
NAMES = {"internal": "邵阳市湘味食品有限公司", "personal": "李明", "secret": "王秘密"}
# who → the levels they may find (same as tests/test_permission_matrix.py)
READERS = {
    "jtys_receiver": (),  # a receiver of another department
    "liuna": ("internal", "personal"),  # reviewer of the deciding department
    "zhouqiang": ("internal", "personal"),  # supervisor: not named on the secret case
    "sunli": ("internal", "personal"),  # archivist
    "zhaomin": ("internal", "personal"),  # disclosure officer
    "zhangwei": LEVELS,  # first contact: named on every case he filed
}
# every role of the demo staff (profiles/city/staff.yaml): Receiver and Deliverer (zhangwei),
# Reviewer, Checker, Approver, DisclosureOfficer, Archivist, Supervisor
STAFF = ("zhangwei", "liuna", "wangfang", "chenjun", "zhaomin", "sunli", "zhouqiang", "jtys_receiver")


@pytest.fixture(scope="class")
def layer(functional_class):
    functional_class.testSetUp()
    yield functional_class
    functional_class.testTearDown()


@pytest.fixture(scope="class")
def cases(layer):
    portal = layer["portal"]
    empty_case_index(portal)  # the counts below are exact
    make_item(portal)
    add_other_departments_receiver(portal)
    transaction.commit()
    found = {}
    for level in LEVELS:
        person = level != "internal"
        case = file_case(
            portal, classification=level, applicant_name=NAMES[level],
            applicant_type="person" if person else "organisation",
            id_number=ID_NUMBERS[level] if person else None,
            address="邵阳市双清区宝庆东路18号",
        )
        found[level] = {"url": case.absolute_url(), "receipt_number": case.receipt_number, "uid": case.UID()}
    settle(portal)
    engine = search_engine()
    case_index.refresh(engine, case_index.alias_name(engine, portal))
    return found


def site_url(layer):
    return f"http://{layer['host']}:{layer['port']}/plone"


def search(layer, user, **params):
    response = requests.get(f"{site_url(layer)}/@case-search", params=params, auth=(user, PASSWORD),
                            headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


class TestStaffSearch:

    @pytest.mark.parametrize("user", list(READERS))
    def test_results_and_facets_only_count_what_the_user_may_read(self, cases, layer, user):
        result = search(layer, user)
        assert result["degraded"] is False
        expected = {cases[level]["uid"] for level in READERS[user]}
        assert {item["uid"] for item in result["items"]} == expected
        assert result["total"] == len(expected)
        counts = {v["value"]: v["count"] for v in result["facets"]["classification"]}
        assert counts == {level: 1 for level in READERS[user]}
        assert sum(v["count"] for v in result["facets"]["state"]) == len(expected)

    @pytest.mark.parametrize("user", STAFF)
    def test_every_role_finds_exactly_the_cases_it_may_view(self, cases, layer, user):
        """The index's security filter against Plone's own object security, for each role:
        what search finds (hits and counts, also by the case's own words) is what the user
        may View, no more and no less."""
        portal = layer["portal"]
        with api.env.adopt_user(username=user):
            viewable = {level for level in LEVELS
                        if api.user.has_permission("View", obj=portal.unrestrictedTraverse(
                            cases[level]["url"].split("/plone/", 1)[1]))}
        if user in READERS:
            assert viewable == set(READERS[user])  # the object security is as the rules say
        result = search(layer, user)
        assert {i["uid"] for i in result["items"]} == {cases[level]["uid"] for level in viewable}
        assert sum(v["count"] for v in result["facets"]["classification"]) == len(viewable)
        for level in LEVELS:
            found = search(layer, user, q=NAMES[level])["total"]
            assert found == (1 if level in viewable else 0), (user, level)

    def test_the_secret_case_is_not_found_by_its_words_either(self, cases, layer):
        assert search(layer, "zhouqiang", q="王秘密")["total"] == 0
        assert search(layer, "zhouqiang", q=ID_NUMBERS["secret"])["total"] == 0
        assert search(layer, "zhangwei", q="王秘密")["total"] == 1

    def test_anonymous_may_not_search(self, cases, layer):
        response = requests.get(f"{site_url(layer)}/@case-search", headers={"Accept": "application/json"}, timeout=30)
        assert response.status_code == 401

    def test_receipt_number_and_id_number_are_found_exactly(self, cases, layer):
        number = cases["personal"]["receipt_number"]
        result = search(layer, "liuna", q=number)
        assert [i["uid"] for i in result["items"]] == [cases["personal"]["uid"]]
        result = search(layer, "liuna", q=number.lower())
        assert [i["uid"] for i in result["items"]] == [cases["personal"]["uid"]]
        result = search(layer, "liuna", q=ID_NUMBERS["personal"])
        assert [i["uid"] for i in result["items"]] == [cases["personal"]["uid"]]
        assert search(layer, "liuna", q=ID_NUMBERS["personal"][:10])["total"] == 0  # no partial numbers
        result = search(layer, "liuna", q="91350100M000100Y43")
        assert [i["uid"] for i in result["items"]] == [cases["internal"]["uid"]]

    def test_two_character_chinese_word_with_highlight(self, cases, layer):
        result = search(layer, "liuna", q="湘味")
        assert [i["uid"] for i in result["items"]] == [cases["internal"]["uid"]]
        assert "<mark>湘味</mark>" in "".join(result["items"][0]["highlights"]["applicant_name"])
        result = search(layer, "liuna", q="食品")  # item title of every case: both readable ones
        assert result["total"] == 2

    def test_filters_sort_and_paging(self, cases, layer):
        result = search(layer, "zhangwei", classification="personal")
        assert [i["uid"] for i in result["items"]] == [cases["personal"]["uid"]]
        result = search(layer, "zhangwei", applicant_type="person", sort="receipt_number", b_size=1)
        assert result["total"] == 2 and len(result["items"]) == 1 and "next" in result
        second = search(layer, "zhangwei", applicant_type="person", sort="receipt_number", b_size=1, b_start=1)
        assert result["items"][0]["receipt_number"] < second["items"][0]["receipt_number"]

    def test_the_page_in_chinese(self, cases, layer):
        response = requests.get(f"{site_url(layer)}/@@case-search", params={"q": "湘味"},
                                auth=("liuna", PASSWORD), timeout=60)
        assert response.status_code == 200, response.text[-3000:]
        assert "案卷检索" in response.text and "<mark>湘味</mark>" in response.text
        assert cases["internal"]["receipt_number"] in response.text
        assert "共找到" in response.text

    @pytest.mark.parametrize("params, reason", [
        ({"q": "食品" * 101}, "检索词过长"),
        ({"b_start": 9990, "b_size": 20}, "只能翻阅前 10,000 件结果"),
        ({"b_size": "二十"}, "分页参数"),
        ({"year": "26"}, "年度“26”应为四位数字"),
    ])
    def test_a_request_that_makes_no_sense_gets_its_reason(self, cases, layer, params, reason):
        """Refused before the node sees it: a 400 with the Chinese reason over REST, a notice
        on the page; never the engine's error."""
        response = requests.get(f"{site_url(layer)}/@case-search", params=params, auth=("liuna", PASSWORD),
                                headers={"Accept": "application/json"}, timeout=60)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["type"] == "BadRequest"  # one error shape: the type follows the status (rest/service.py)
        assert reason in response.json()["error"]["message"]
        page = requests.get(f"{site_url(layer)}/@@case-search", params=params, auth=("liuna", PASSWORD), timeout=60)
        assert page.status_code == 200 and reason in page.text and 'id="case-search-problem"' in page.text
        # the last page the node serves is still a page
        assert search(layer, "liuna", b_start=9980, b_size=20)["items"] == []

    def test_degraded_mode_answers_from_the_catalog(self, cases, layer, monkeypatch):
        monkeypatch.setenv("SHAOYANG_SEARCH_URL", closed_port_url())
        number = cases["internal"]["receipt_number"]
        result = search(layer, "liuna", q=number)
        assert result["degraded"] is True
        assert "检索服务暂时不可用" in result["notice"]
        assert [i["uid"] for i in result["items"]] == [cases["internal"]["uid"]]
        # the catalog's own security filter still applies
        assert search(layer, "jtys_receiver", q=number)["items"] == []
        assert cases["secret"]["uid"] not in {i["uid"] for i in search(layer, "zhouqiang")["items"]}
        page = requests.get(f"{site_url(layer)}/@@case-search", params={"q": number},
                            auth=("liuna", PASSWORD), timeout=60)
        assert page.status_code == 200 and "检索服务暂时不可用" in page.text
