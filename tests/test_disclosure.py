"""Public disclosure against the real search node and the functional site (issue 7).

Decisions are made in-process by the site owner through the real case workflow (every
precondition applies); review, publication, withdrawal and public search go over HTTP as the
demo staff and as anonymous. Each test has its own index prefix, deleted afterwards.
"""

from helpers import make_item
from helpers import TEST_ITEM_CODE
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.disclosure import public_index as index
from shaoyang.licensing.disclosure.masking import scan_values
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.settings import settings_from_env
from shaoyang.licensing.validation import today
from test_search_helpers import unreachable_node

import datetime
import pytest
import requests
import transaction
import uuid


pytestmark = pytest.mark.search

PASSWORD = "shaoyang-demo"
TODAY = today()  # Shaoyang's date, as the site counts it (not the server's zone)
MATERIALS = ["食品经营许可申请书", "营业执照"]

PERSON = {
    "applicant_type": "person", "applicant_name": "李小明", "id_number": "11010519491231002X",
    "phone": "13812345678", "address": "邵阳市大祥区红旗路12号3栋201室",
}
COMPANY = {
    "applicant_type": "organisation", "applicant_name": "邵阳市湘味食品有限公司",
    "credit_code": "91350100M000100Y43", "phone": "0739-5321234", "legal_representative": "王大海",
}
PERSONAL_REASONS = (
    "申请人李小明（公民身份号码11010519491231002X，联系电话13812345678，座机0739-5328888）"
    "拟在邵阳市大祥区红旗路12号经营，现场核查发现经营场所与住宅混用；其车辆湘E12345停放于操作间；"
    "经查申请人患有乙型肝炎，不符合从业人员健康管理要求；退费请汇至账号6222021234567890123。"
    "另查其老家隆回县桃洪镇城西村5组。依据《食品经营许可管理办法》第十一条，决定不予许可。"
)


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture
def prefix(monkeypatch):
    """A fresh index prefix for this test; its indexes are deleted afterwards."""
    name = f"test-disclosure-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("SHAOYANG_SEARCH_PREFIX", name)
    search = SearchEngine(settings_from_env())
    try:
        search.info()
    except SearchUnavailable as error:
        pytest.fail(f"{error} — `make test` starts it with scripts/search-node start")
    yield name
    search.delete_index(f"{name}-*")


@pytest.fixture
def site(functional, prefix):
    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    return {"portal": portal, "url": f"http://{functional['host']}:{functional['port']}/plone", "prefix": prefix}


def decided(portal, applicant, outcome="grant", state="decided", classification="personal",
            disclosure="proactive", **decision):
    """A case with its decision, taken along the case workflow to ``state``; the decision."""
    workflow = api.portal.get_tool("portal_workflow")
    if outcome == "grant":
        decision.setdefault("certificate_name", "食品经营许可证")
        decision.setdefault("certificate_number", f"JY1430503{uuid.uuid4().int % 10**7:07d}")
        decision.setdefault("valid_from", TODAY)
        decision.setdefault("valid_until", TODAY.replace(year=TODAY.year + 5))
    else:
        decision.setdefault("reasons", "经营场所不符合要求。")
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        case = createContentInContainer(
            portal["cases"], "CaseFile", item_code=TEST_ITEM_CODE, classification=classification,
            disclosure="withheld" if classification in ("secret", "confidential", "top_secret") else disclosure,
        )
        createContentInContainer(case, "Application", received_date=TODAY, submitted_materials=MATERIALS, **applicant)
        workflow.doActionFor(case, "accept")
        workflow.doActionFor(case, "start_review")
        if state == "under_review":
            return createContentInContainer(case, "Decision", outcome=outcome, decision_date=TODAY, **decision)
        for signer, step in (("liuna", "first_review"), ("wangfang", "check")):
            createContentInContainer(case, "ReviewOpinion", step=step, opinion="agree", text="符合法定条件，同意。",
                                     opinion_date=TODAY, signer=signer)
        workflow.doActionFor(case, "submit_for_decision")
        result = createContentInContainer(case, "Decision", outcome=outcome, decision_date=TODAY, **decision)
        workflow.doActionFor(case, "decide")
        if state in ("delivered", "closed"):
            createContentInContainer(case, "Delivery", method="window", delivery_date=TODAY, recipient="本人")
            workflow.doActionFor(case, "deliver")
        if state == "closed":
            workflow.doActionFor(case, "close")
    assert api.content.get_state(case) == state
    return result


def call(method, url, user=SITE_OWNER_NAME, **body):
    auth = None if user is None else (user, "secret" if user == SITE_OWNER_NAME else PASSWORD)
    return requests.request(method, url, headers={"Accept": "application/json"}, auth=auth,
                            json=body or None, timeout=60)


def review(decision_url, result="pass", user="zhaomin", note="已核对，个人信息已脱敏，无涉密内容。"):
    return call("POST", f"{decision_url}/@confidentiality-review", user, result=result, note=note)


def publish(decision_url, user="zhaomin"):
    return call("POST", f"{decision_url}/@publish", user)


def review_and_publish(decision_url):
    assert review(decision_url).status_code == 201
    response = publish(decision_url)
    assert response.status_code == 200, response.text
    return response.json()


def public(site_url, **params):
    response = requests.get(f"{site_url}/@public-decisions", params=params,
                            headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def whole_index(prefix):
    search = SearchEngine(settings_from_env())
    name = f"{prefix}-{index.DEFAULT_INDEX}"
    search.client.indices.refresh(index=name)
    hits = search.search(name, {"query": {"match_all": {}}, "size": 1000})["hits"]["hits"]
    return hits


# ------------------------------------------------------------------------------ rules


def test_publication_rules(site):
    portal = site["portal"]
    running = decided(portal, COMPANY, state="under_review")
    secret = decided(portal, COMPANY, classification="secret")
    unreviewed = decided(portal, PERSON)
    failed = decided(portal, PERSON, state="delivered")
    withheld_refusal = decided(portal, PERSON, outcome="refusal", disclosure="on_request")
    transaction.commit()

    refused = publish(running.absolute_url())
    assert refused.status_code == 400
    assert "案件尚未作出决定（当前状态：审查中）" in refused.json()["error"]["message"]

    # The officer cannot even see a secret case; an administrator is refused by the rule.
    hidden = publish(secret.absolute_url())
    assert hidden.status_code in (401, 403), hidden.text
    assert review(secret.absolute_url(), user=SITE_OWNER_NAME).status_code == 201
    refused = publish(secret.absolute_url(), user=SITE_OWNER_NAME)
    assert refused.status_code == 400 and "国家秘密" in refused.json()["error"]["message"]

    refused = publish(unreviewed.absolute_url())
    assert refused.status_code == 400 and "尚未进行保密审查" in refused.json()["error"]["message"]

    bad = review(failed.absolute_url(), result="fail", note="")
    assert bad.status_code == 400 and "须写明理由" in bad.json()["error"]["message"]
    assert review(failed.absolute_url(), result="fail", note="理由中含有申请人住址，需先修改").status_code == 201
    refused = publish(failed.absolute_url())
    assert refused.status_code == 400 and "保密审查未通过" in refused.json()["error"]["message"]

    assert review(withheld_refusal.absolute_url()).status_code == 201
    refused = publish(withheld_refusal.absolute_url())
    assert refused.status_code == 400 and "依申请公开" in refused.json()["error"]["message"]

    assert public(site["url"])["items_total"] == 0

    # A passed review after the failed one: published, journaled on the case.
    assert review(failed.absolute_url()).status_code == 201
    published = publish(failed.absolute_url())
    assert published.status_code == 200, published.text
    assert published.json()["state"] == "published"
    assert published.json()["review"]["reviewer"] == "zhaomin"
    again = publish(failed.absolute_url())
    assert again.status_code == 400 and "已公示" in again.json()["error"]["message"]
    case_url = failed.absolute_url().rsplit("/", 1)[0]
    entries = call("GET", f"{case_url}/@journal", "zhouqiang").json()["items"]
    summaries = [e["summary"] for e in entries if e["action"] == "document"]
    assert any(s.startswith("保密审查（未通过）") for s in summaries)
    assert any(s.startswith("公示决定") for s in summaries)
    status = call("GET", f"{failed.absolute_url()}/@publication", "zhaomin").json()
    assert [r["result"] for r in status["reviews"]] == ["fail", "pass"]
    assert status["publication"]["state"] == "published"


# ------------------------------------------------------------------------------ public search


def test_anonymous_sees_published_decisions_only(site):
    portal = site["portal"]
    grant = decided(portal, PERSON)
    company = decided(portal, COMPANY, state="delivered")
    refusal = decided(portal, PERSON, outcome="refusal", reasons="经营场所设在住宅内，不符合要求。")
    unpublished = decided(portal, COMPANY)
    transaction.commit()
    for decision in (grant, company, refusal):
        review_and_publish(decision.absolute_url())

    result = public(site["url"])
    assert result["available"] is True and result["items_total"] == 3
    numbers = {doc["document_number"] for doc in result["items"]}
    assert numbers == {grant.document_number, company.document_number, refusal.document_number}
    assert unpublished.document_number not in numbers

    person = next(d for d in result["items"] if d["document_number"] == grant.document_number)
    assert person["applicant_name"] == "李某某"
    assert person["applicant_id_number"] == "110105********002X"
    assert person["certificate_name"] == "食品经营许可证"
    assert "reasons" not in person and "credit_code" not in person
    org = next(d for d in result["items"] if d["document_number"] == company.document_number)
    assert (org["applicant_name"], org["credit_code"]) == ("邵阳市湘味食品有限公司", "91350100M000100Y43")
    assert set(org) <= set(index.FIELDS)
    assert org["agency_name"] == "邵阳市市场监督管理局" and org["item_code"] == TEST_ITEM_CODE

    # Filters: type, item, agency, text, date range; bad dates are a 400 with a reason.
    assert [d["document_number"] for d in public(site["url"], type="refusal")["items"]] == [refusal.document_number]
    assert public(site["url"], item=TEST_ITEM_CODE)["items_total"] == 3
    assert public(site["url"], item="食品经营")["items_total"] == 3
    assert public(site["url"], agency="scjg")["items_total"] == 3
    assert public(site["url"], agency="jtys")["items_total"] == 0
    assert public(site["url"], q="住宅")["items_total"] == 1
    assert public(site["url"], q="湘味食品")["items_total"] == 1
    assert public(site["url"], q=grant.document_number)["items_total"] == 1
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    assert public(site["url"], **{"from": TODAY.isoformat(), "to": TODAY.isoformat()})["items_total"] == 3
    assert public(site["url"], **{"from": tomorrow})["items_total"] == 0
    bad = requests.get(f"{site['url']}/@public-decisions", params={"from": "2026-13-01"},
                       headers={"Accept": "application/json"}, timeout=30)
    assert bad.status_code == 400 and "不是有效日期" in bad.json()["error"]["message"]

    # The Chinese page, anonymous.
    page = requests.get(f"{site['url']}/@@public-decisions", params={"type": "grant"}, timeout=60)
    assert page.status_code == 200, page.text[-3000:]
    assert "行政许可决定公示" in page.text and "李某某" in page.text and "李小明" not in page.text
    assert company.document_number in page.text and refusal.document_number not in page.text


@pytest.mark.parametrize("params, reason", [
    ({"q": "许可" * 101}, "检索词过长"),
    ({"item": "食" * 201}, "检索词过长"),
    ({"b_start": 10000}, "只能翻阅前 10,000 件结果"),
    ({"b_start": "x"}, "分页参数"),
])
def test_public_search_refuses_what_the_node_would_fail_on(site, params, reason):
    decision = decided(site["portal"], COMPANY)
    transaction.commit()
    review_and_publish(decision.absolute_url())  # the public index exists: the node would be asked
    response = requests.get(f"{site['url']}/@public-decisions", params=params,
                            headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 400 and reason in response.json()["error"]["message"]
    page = requests.get(f"{site['url']}/@@public-decisions", params=params, timeout=30)
    assert page.status_code == 200 and reason in page.text and "public-decisions-problem" in page.text


def test_publications_of_one_transaction_reach_the_index_together_and_only_after_commit(site):
    """Several decisions published in one transaction (a batch, the demo data): none is sent
    before the commit, not even by the next publication's catch-up of pending entries; an
    abort leaves the public index untouched; a commit sends them all (one bulk request)."""
    from shaoyang.licensing.disclosure import publication

    portal = site["portal"]
    decisions = [decided(portal, COMPANY) for _ in range(3)]
    transaction.commit()

    def publish_all():
        with api.env.adopt_user(username="zhaomin"):
            for decision in decisions:
                publication.record_review(decision, "pass", "已核对，无涉密内容。")
                publication.publish(decision)

    publish_all()
    transaction.abort()
    assert public(site["url"])["items_total"] == 0
    publish_all()
    transaction.commit()
    result = public(site["url"])
    assert sorted(d["document_number"] for d in result["items"]) == sorted(d.document_number for d in decisions)
    assert index.pending(portal) == []


def test_withdrawal_and_correction_reach_the_index_at_once(site):
    portal = site["portal"]
    decision = decided(portal, PERSON, state="delivered")
    transaction.commit()
    url = decision.absolute_url()
    review_and_publish(url)
    assert public(site["url"])["items_total"] == 1

    # Correction: a changed decision needs a new review, then replaces the public document.
    transaction.begin()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        decision.certificate_number = "JY14305030099999"
    transaction.commit()
    refused = publish(url)
    assert refused.status_code == 400 and "重新进行保密审查" in refused.json()["error"]["message"]
    corrected = review_and_publish(url)
    assert corrected["corrected"] is True
    doc = public(site["url"])["items"][0]
    assert doc["certificate_number"] == "JY14305030099999" and doc["corrected_date"] == TODAY.isoformat()
    assert len(whole_index(site["prefix"])) == 1

    refused = call("POST", f"{url}/@withdraw-publication", "zhaomin", reason="")
    assert refused.status_code == 400 and "须写明理由" in refused.json()["error"]["message"]
    withdrawn = call("POST", f"{url}/@withdraw-publication", "zhaomin", reason="决定已被依法撤销")
    assert withdrawn.status_code == 200, withdrawn.text
    # Gone as soon as the request returns (sent after commit, with refresh=wait_for).
    assert public(site["url"])["items_total"] == 0
    assert whole_index(site["prefix"]) == []
    again = call("POST", f"{url}/@withdraw-publication", "zhaomin", reason="决定已被依法撤销")
    assert again.status_code == 400 and "未公示" in again.json()["error"]["message"]


def test_decision_that_becomes_secret_leaves_the_index(site):
    portal = site["portal"]
    decision = decided(portal, COMPANY)
    transaction.commit()
    review_and_publish(decision.absolute_url())
    assert public(site["url"])["items_total"] == 1
    response = call("PATCH", decision.absolute_url().rsplit("/", 1)[0], SITE_OWNER_NAME,
                    classification="secret", disclosure="withheld")
    assert response.status_code == 204, response.text
    assert public(site["url"])["items_total"] == 0


# ------------------------------------------------------------------------------ no leak


def test_whole_public_index_has_no_personal_data(site):
    portal = site["portal"]
    people = [
        dict(PERSON),
        dict(PERSON, applicant_name="欧阳春华", id_number="440524188001010014", phone="0739-5326677",
             address="隆回县桃洪镇城西村5组"),
        dict(PERSON, applicant_name="王芳芳", id_number="43050219900101123x", phone="13907391234"),
    ]
    decisions = []
    for n, person in enumerate(people):
        decisions.append(decided(portal, person, outcome="refusal", reasons=PERSONAL_REASONS.replace("李小明", person["applicant_name"])))
        decisions.append(decided(
            portal, person, state="delivered",
            certificate_name=f"食品经营许可证（{person['applicant_name']}，湘E1234{n}）",
        ))
    decisions.append(decided(portal, COMPANY, outcome="refusal", reasons=PERSONAL_REASONS.replace("李小明", "法定代表人王大海")))
    transaction.commit()
    for decision in decisions:
        review_and_publish(decision.absolute_url())

    hits = whole_index(site["prefix"])
    assert len(hits) == len(decisions)
    leaks = [(hit["_id"], *found) for hit in hits for found in scan_values(hit["_source"])]
    assert leaks == []
    everything = str([hit["_source"] for hit in hits])
    for person in people:
        assert person["applicant_name"] not in everything
        assert person["id_number"].upper() not in everything
        assert person["phone"] not in everything
    for secret_word in ("乙型肝炎", "红旗路", "城西村", "6222021234567890123", "王大海"):
        assert secret_word not in everything
    assert "邵阳市湘味食品有限公司" in everything and "91350100M000100Y43" in everything
    # Only allow-listed fields, and the index refuses any other (dynamic: strict).
    assert all(set(hit["_source"]) <= set(index.FIELDS) for hit in hits)
    search = SearchEngine(settings_from_env())
    with pytest.raises(Exception, match="strict_dynamic_mapping_exception"):
        search.put(f"{site['prefix']}-{index.DEFAULT_INDEX}", "x", {"id_number": "11010519491231002X"})


# ------------------------------------------------------------------------------ degraded mode


def test_node_down_public_search_says_so_and_publication_still_works(site):
    portal = site["portal"]
    first, second = decided(portal, PERSON), decided(portal, COMPANY)
    transaction.commit()
    assert review(first.absolute_url()).status_code == 201

    with unreachable_node():
        down = public(site["url"], q="食品")
        assert down["available"] is False and "暂时无法使用" in down["message"] and down["items"] == []
        page = requests.get(f"{site['url']}/@@public-decisions", timeout=60)
        assert page.status_code == 200 and "公示查询服务暂时无法使用" in page.text

        published = publish(first.absolute_url())
        assert published.status_code == 200, published.text
        status = call("GET", f"{first.absolute_url()}/@publication", "zhaomin").json()
        assert status["publication"]["state"] == "published" and status["index_pending"] is True

    # The node is back: the next publication sends the backlog first.
    assert public(site["url"])["items_total"] == 0
    review_and_publish(second.absolute_url())
    numbers = {d["document_number"] for d in public(site["url"])["items"]}
    assert numbers == {first.document_number, second.document_number}
    status = call("GET", f"{first.absolute_url()}/@publication", "zhaomin").json()
    assert status["index_pending"] is False


def test_pending_entries_are_sent_by_the_command_function(site):
    portal = site["portal"]
    decision = decided(portal, COMPANY)
    transaction.commit()
    assert review(decision.absolute_url()).status_code == 201
    with unreachable_node():
        assert publish(decision.absolute_url()).status_code == 200
        transaction.begin()
        assert index.send_pending(portal)["left"] == 1  # still down: kept
    outcome = index.send_pending(portal)  # what scripts/publish-pending runs
    transaction.commit()
    assert outcome == {"sent": 1, "left": 0, "message": ""}
    assert public(site["url"])["items"][0]["document_number"] == decision.document_number


# ------------------------------------------------------------------------------ permissions

# who → may review, publish and withdraw
OFFICERS = {
    None: False,  # anonymous
    "zhangwei": False,  # receiver (first contact: reads the case)
    "liuna": False,  # reviewer of the deciding department
    "zhouqiang": False,  # supervisor
    "sunli": False,  # archivist
    "zhaomin": True,  # disclosure officer
    SITE_OWNER_NAME: True,  # manager
}


@pytest.mark.parametrize("user,may", list(OFFICERS.items()))
def test_permission_matrix_of_the_endpoints(site, user, may):
    decision = decided(site["portal"], COMPANY)
    transaction.commit()
    url = decision.absolute_url()
    responses = [review(url, user=user)]
    if not may:
        assert review(url).status_code == 201  # so that only the permission can refuse
    responses.append(publish(url, user=user))
    if not may:
        assert publish(url).status_code == 200
    responses.append(call("POST", f"{url}/@withdraw-publication", user, reason="测试撤回公示"))
    codes = [r.status_code for r in responses]
    if may:
        assert codes == [201, 200, 200], [r.text for r in responses]
    else:
        assert all(code in (401, 403) for code in codes), codes
    # Everyone, anonymous included, may search the public index.
    assert public(site["url"])["available"] is True


# ------------------------------------------------------------------------------ demo data


def test_demo_decisions_are_reviewed_published_and_leak_nothing(site):
    """make start's demo: the disclosure officer reviews and publishes every decision that may
    be public, dated as real work would have (R5.3: review the next working day, publication
    the one after); the public index of a realistic mix passes the personal-data scan."""
    from shaoyang.licensing.deadlines.calendar import WorkingCalendar
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.filing import file_cases
    from shaoyang.licensing.demo.cases import plan_cases
    from shaoyang.licensing.demo.disclosure import publish_decisions
    from shaoyang.licensing.disclosure import publication

    portal = site["portal"]
    file_cases(portal, plan_cases(catalogue_items(portal), 24, seed="public"), commit_every=0)
    transaction.commit()
    catalog = api.portal.get_tool("portal_catalog")
    decisions = [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(portal_type="Decision")]
    expected = [d for d in decisions if not publication.grounds_against(d)]
    assert expected  # the plan has decisions that may be public
    lines = []
    assert publish_decisions(portal, say=lines.append) == len(expected)
    transaction.commit()
    assert lines[-1].startswith(f"published {len(expected)}/{len(expected)} decisions")
    assert publish_decisions(portal, say=lines.append) == 0  # a second run finds nothing new

    hits = whole_index(site["prefix"])
    assert sorted(h["_source"]["document_number"] for h in hits) == sorted(d.document_number for d in expected)
    leaks = [(h["_source"], *found) for h in hits for found in scan_values(h["_source"])]
    assert leaks == []
    calendar = WorkingCalendar.from_registry()
    for decision in expected:
        record = publication.data(decision)["publication"]
        assert record["published_by"] == "zhaomin" and record["late"] is False
        latest = calendar.add_working_days(decision.decision_date, 2).due
        assert decision.decision_date <= datetime.date.fromisoformat(record["published_date"]) <= min(latest, TODAY)
    assert public(site["url"])["items_total"] == len(expected)


def test_a_publication_date_is_never_before_the_decision_nor_after_today(site):
    from shaoyang.licensing.disclosure import publication

    decision = decided(site["portal"], COMPANY)
    with api.env.adopt_user(username="zhaomin"):
        publication.record_review(decision, "pass", "已核对，无涉密内容。")
        for day in (TODAY + datetime.timedelta(days=1), TODAY - datetime.timedelta(days=1)):
            with pytest.raises(publication.DisclosureRefused, match="不得早于决定日期"):
                publication.publish(decision, published=day)
