"""The indexing pipeline against the real node (issue 7): outbox inside the transaction, worker
after commit, external versions, node unreachable, item changes, security changes."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from helpers import TEST_ITEM_CODE  # noqa: E402
from plone import api  # noqa: E402
from plone.app.testing import SITE_OWNER_NAME  # noqa: E402
from plone.uuid.interfaces import IUUID  # noqa: E402
from test_search_helpers import unreachable_node  # noqa: E402
from test_search_helpers import document  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from test_search_helpers import site  # noqa: E402,F401 (a fixture)
from shaoyang.licensing.search import index as case_index  # noqa: E402
from shaoyang.licensing.search import worker  # noqa: E402
from shaoyang.licensing.search.outbox import get_outbox  # noqa: E402

import pytest  # noqa: E402
import requests  # noqa: E402
import transaction  # noqa: E402


pytestmark = pytest.mark.search
PASSWORD = "shaoyang-demo"


@pytest.fixture
def engine():
    return search_engine()


def test_committed_case_is_indexed_and_aborted_one_never_is(site, engine):
    aborted = file_case(site, applicant_name="撤回的申请人", commit=False)
    aborted_uid = IUUID(aborted)
    assert len(get_outbox(site)) >= 1  # written inside the transaction ...
    transaction.abort()  # ... and gone with it
    assert aborted_uid not in dict(get_outbox(site).pending() if get_outbox(site) else ())

    kept = file_case(site, applicant_name="邵阳市湘味食品有限公司")
    settle(site)
    doc = document(engine, site, IUUID(kept))
    assert doc is not None and doc["receipt_number"] == kept.receipt_number
    assert "邵阳市湘味食品有限公司" in doc["applicant_name"]
    assert doc["state"] == "received"
    assert document(engine, site, aborted_uid) is None
    transaction.begin()  # see what the worker committed
    assert get_outbox(site).pending() == []  # the worker removed exactly what it sent


def test_filing_goes_on_while_the_node_is_unreachable(site, engine, functional):
    url = f"http://{functional['host']}:{functional['port']}/plone"
    with unreachable_node():
        response = requests.post(
            f"{url}/cases", auth=("zhangwei", PASSWORD), headers={"Accept": "application/json"}, timeout=60,
            json={"@type": "CaseFile", "item_code": TEST_ITEM_CODE},
        )
        assert response.status_code == 201, response.text  # no error for the person filing
        uid = response.json()["UID"]
        settle(site)
        transaction.begin()
        outbox = get_outbox(site)
        assert uid in dict(outbox.pending())  # committed, waiting
    assert document(engine, site, uid) is None

    worker.wake(site._p_jar.db(), site.getPhysicalPath())  # the node is back
    settle(site)
    assert document(engine, site, uid)["receipt_number"] == response.json()["receipt_number"]
    transaction.begin()
    assert uid not in dict(get_outbox(site).pending())


def test_an_older_state_never_overwrites_a_newer_one(site, engine):
    case = file_case(site, applicant_name="旧名称食品店")
    settle(site)
    uid = IUUID(case)
    db = site._p_jar.db()
    # A worker that read the case before the change and sends late (slow process, retry):
    from shaoyang.licensing.search.documents import case_document

    with worker._Opened(db, site.getPhysicalPath()) as old:
        stale = case_document(old.site.unrestrictedTraverse("/".join(case.getPhysicalPath())))
        stale_version = worker.snapshot_version(old.connection)

    application = case["application"] if "application" in case else case.objectValues()[0]
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        application.applicant_name = "新名称食品有限公司"
        application.reindexObject()
    transaction.commit()
    settle(site)
    assert document(engine, site, uid)["applicant_name"] == ["新名称食品有限公司"]

    alias = case_index.alias_name(engine, site)
    outcome = case_index.bulk(engine, alias, [(uid, stale_version, stale)], refresh=True)
    assert outcome == {uid: "superseded"}
    assert document(engine, site, uid)["applicant_name"] == ["新名称食品有限公司"]


def test_deletion_and_security_changes_reach_the_index(site, engine):
    from shaoyang.licensing.case import responsibility

    case = file_case(site, applicant_name="权限变化测试")
    settle(site)
    uid = IUUID(case)
    assert "user:someone-named" not in document(engine, site, uid)["allowedRolesAndUsers"]

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        responsibility.assign(case, "someone-named", "named_reader", "测试")
    transaction.commit()
    settle(site)
    assert "user:someone-named" in document(engine, site, uid)["allowedRolesAndUsers"]

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        case.classification = "secret"
        case.disclosure = "withheld"
        from zope.lifecycleevent import modified

        modified(case)
    transaction.commit()
    settle(site)
    doc = document(engine, site, uid)
    assert doc["classification"] == "secret"
    assert not {"Supervisor", "DepartmentMember", "Archivist"} & set(doc["allowedRolesAndUsers"])

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.content.delete(case, check_linkintegrity=False)
    transaction.commit()
    settle(site)
    assert document(engine, site, uid) is None


def test_attachment_text_is_indexed_with_its_case(site, engine):
    from plone.dexterity.utils import createContentInContainer
    from plone.namedfile.file import NamedBlobFile

    case = file_case(site, applicant_name="附件测试")
    with api.env.adopt_user(username="zhangwei"):
        createContentInContainer(
            case, "Attachment", title="现场核查记录",
            file=NamedBlobFile("经营场所位于邵阳市双清区宝庆路，冷藏设施齐全。".encode(), filename="check.txt"),
        )
    transaction.commit()
    settle(site)
    doc = document(engine, site, IUUID(case))
    assert "冷藏设施齐全" in doc["text"]


def test_a_record_narrower_than_its_case_gives_no_text_to_the_document(site, engine):
    """Every reader of the case's document may read all of it: a record whose View was
    narrowed by hand, or that blocks the local roles it would acquire, stays out (the cheap
    test in documents.py must not let such a record through)."""
    from plone.dexterity.utils import createContentInContainer
    from shaoyang.licensing.search.documents import case_document

    case = file_case(site, applicant_name="收窄测试")
    with api.env.adopt_user(username="zhangwei"):
        kept = createContentInContainer(case, "Attachment", title="公开的核查记录一号")
        narrowed = createContentInContainer(case, "Attachment", title="仅管理员的核查记录二号")
        blocked = createContentInContainer(case, "Attachment", title="阻断继承的核查记录三号")
    narrowed.manage_permission("View", roles=["Manager"], acquire=False)
    blocked.__ac_local_roles_block__ = True
    text = case_document(case)["text"]
    assert "公开的核查记录一号" in text
    assert "仅管理员的核查记录二号" not in text
    assert "阻断继承的核查记录三号" not in text
    transaction.abort()


def test_a_changed_item_title_reaches_its_cases_without_the_worker_writing_their_entries(site, engine):
    """An item's title is in its cases' documents: changing it re-sends every indexed case of
    the item. The worker sends them itself instead of queueing them, so it never writes the
    outbox entries that filing transactions write (that met filing in a conflict)."""
    from shaoyang.licensing.catalogue.lookup import item_by_code

    cases = [file_case(site, applicant_name=f"事项改名{n}") for n in range(3)]
    settle(site)
    transaction.begin()
    before = {IUUID(c): get_outbox(site).entries[IUUID(c)] for c in cases}
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        item = item_by_code(TEST_ITEM_CODE)
        item.title = "测试事项：食品经营许可（新名称）"
        item.reindexObject()
    transaction.commit()
    settle(site)
    for case in cases:
        assert document(engine, site, IUUID(case))["item_title"] == "测试事项：食品经营许可（新名称）"
    transaction.begin()
    outbox = get_outbox(site)
    assert {uid: outbox.entries[uid] for uid in before} == before
    assert outbox.pending() == []
