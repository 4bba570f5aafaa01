"""Staff search and the public decisions page in a real browser (issue 7): Playwright drives
Debian's Chromium against the functional server, with the real search node behind it.

What a person sees: the query typed into the Chinese form, highlighted snippets, a facet
clicked and cleared; another department's receiver finding nothing of the same case; anonymous
visitors reading masked decisions; and both pages saying plainly when the node is down."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from helpers import make_item  # noqa: E402
from test_browser import login  # noqa: E402
from test_browser import SCREENSHOTS  # noqa: E402
from test_browser import site_url  # noqa: E402,F401
from test_disclosure import decided  # noqa: E402
from test_disclosure import PERSON  # noqa: E402
from test_disclosure import prefix  # noqa: E402,F401
from test_disclosure import review_and_publish  # noqa: E402
from test_search_helpers import add_other_departments_receiver  # noqa: E402
from test_search_helpers import closed_port_url  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from shaoyang.licensing.search import index as case_index  # noqa: E402

import pytest  # noqa: E402
import transaction  # noqa: E402


pytestmark = [pytest.mark.browser, pytest.mark.search]
PASSWORD = "shaoyang-demo"


@pytest.fixture
def filed(functional, prefix):  # noqa: F811 - the fixture of test_disclosure: a fresh prefix
    """Two cases of the test item, indexed: an organisation's and a natural person's."""
    portal = functional["portal"]
    make_item(portal)
    add_other_departments_receiver(portal)
    transaction.commit()
    company = file_case(portal, applicant_name="邵阳市湘味食品有限公司")
    person = file_case(portal, applicant_type="person", applicant_name="欧阳晓峰", classification="personal")
    settle(portal)
    engine = search_engine()
    case_index.refresh(engine, case_index.alias_name(engine, portal))
    return {"company": company.receipt_number, "person": person.receipt_number}


def search_in_form(page, site_url, text):  # noqa: F811
    page.goto(f"{site_url}/@@case-search")
    page.fill("#case-search-q", text)
    page.click("#case-search-form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_staff_search_page_highlights_and_facets(page, site_url, filed):  # noqa: F811
    login(page, site_url, "liuna")  # reviewer of the deciding department
    page.goto(site_url)
    page.locator("#portal-globalnav a", has_text="案卷检索").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/@@case-search") and "案卷检索" in page.inner_text("h1")
    search_in_form(page, site_url, "湘味")
    results = page.locator("#case-search-results > li")
    assert results.count() == 1
    assert filed["company"] in results.first.inner_text()
    assert results.first.locator("mark", has_text="湘味").count() >= 1
    assert page.locator("#case-search-total strong").inner_text() == "1"

    # A word both cases share, then narrowed by the classification facet and cleared again.
    search_in_form(page, site_url, "食品")
    assert page.locator("#case-search-total strong").inner_text() == "2"
    facets = page.locator("#case-search-facets")
    assert "密级" in facets.inner_text() and "申请人类型" in facets.inner_text()
    facets.locator("a", has_text="个人信息").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-search-total strong").inner_text() == "1"
    assert filed["person"] in page.locator("#case-search-results").inner_text()
    badge = page.locator("a.badge", has_text="密级")
    assert badge.count() == 1
    badge.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-search-total strong").inner_text() == "2"

    # A receipt number is found whole, typed in lower case.
    search_in_form(page, site_url, filed["person"].lower())
    assert page.locator("#case-search-results > li").count() == 1
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "case-search-zh.png"), full_page=True)


def test_another_departments_receiver_finds_nothing_in_the_page(page, site_url, filed):  # noqa: F811
    login(page, site_url, "jtys_receiver")
    search_in_form(page, site_url, filed["company"])
    assert page.locator("#case-search-results > li").count() == 0
    assert "没有找到您有权查看的案卷" in page.inner_text("#case-search")
    assert filed["company"] not in page.locator("#case-search-results").inner_text()
    assert page.locator("#case-search-facets li").count() == 0  # no counts of unreadable cases


def test_staff_page_says_plainly_when_the_node_is_down(page, site_url, filed, monkeypatch):  # noqa: F811
    login(page, site_url, "liuna")
    monkeypatch.setenv("SHAOYANG_SEARCH_URL", closed_port_url())
    search_in_form(page, site_url, filed["company"])
    notice = page.locator("#case-search-degraded")
    assert notice.is_visible() and "检索服务暂时不可用" in notice.inner_text()
    # the catalog still finds the case by its number
    assert filed["company"] in page.locator("#case-search-results").inner_text()


def test_public_decisions_page_for_anonymous_visitors(page, site_url, functional, prefix, monkeypatch):  # noqa: F811
    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    decision = decided(portal, PERSON)
    unpublished = decided(portal, PERSON)
    transaction.commit()
    review_and_publish(decision.absolute_url())

    page.goto(site_url)
    assert page.locator("#portal-globalnav a", has_text="案卷检索").count() == 0  # staff only
    page.locator("#portal-globalnav a", has_text="决定公示").click()
    page.wait_for_load_state("networkidle")
    assert "行政许可决定公示" in page.inner_text("h1")
    page.fill("#pd-q", "食品经营许可证")
    page.select_option("#pd-type", "grant")
    page.click("#public-decisions-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    rows = page.locator("tr.public-decision")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert decision.document_number in row and "李某某" in row and "110105********002X" in row
    html = page.content()
    assert unpublished.document_number not in html
    for personal in ("李小明", "11010519491231002X", "13812345678", "红旗路12号"):
        assert personal not in html

    monkeypatch.setenv("SHAOYANG_SEARCH_URL", closed_port_url())
    page.reload()
    notice = page.locator("#public-decisions-unavailable")
    assert notice.is_visible() and "暂时无法使用" in notice.inner_text()
    assert page.locator("tr.public-decision").count() == 0
