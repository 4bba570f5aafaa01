"""Full rebuild with alias swap, and reconciliation of the catalog with the index (issue 7)."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from helpers import make_item  # noqa: E402
from plone.uuid.interfaces import IUUID  # noqa: E402
from test_search_helpers import document  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from shaoyang.licensing.search import index as case_index  # noqa: E402
from shaoyang.licensing.search import maintenance  # noqa: E402

import pytest  # noqa: E402
import transaction  # noqa: E402


pytestmark = pytest.mark.search


def test_rebuild_swaps_the_alias_and_reconcile_repairs_drift(functional):
    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    cases = [file_case(portal, applicant_name=f"重建测试{n}") for n in range(3)]
    settle(portal)
    engine = search_engine()
    alias = case_index.alias_name(engine, portal)
    before = case_index.aliased_indices(engine, alias)

    lines = []
    result = maintenance.rebuild(portal, engine, batch=2, say=lines.append)
    after = case_index.aliased_indices(engine, alias)
    assert after == [result["index"]] and after != before
    assert not engine.index_exists(before[0])
    assert any(line.startswith("2/3 cases") for line in lines) and any("3/3" in line for line in lines)
    assert all(document(engine, portal, IUUID(c)) for c in cases)
    assert maintenance.reconcile(portal, engine, say=lines.append) == {"missing": [], "extra": [], "stale": []}

    # Drift behind the pipeline's back: a document lost, a stranger added, one made stale.
    gone, stale = IUUID(cases[0]), IUUID(cases[1])
    engine.delete_versioned(alias, gone, 2**62)
    engine.put(alias, "stranger-uid", {"uid": "stranger-uid", "path": "cases/x", "title": "不存在的案卷"})
    engine.put(alias, stale, {**document(engine, portal, stale), "state": "archived"})
    case_index.refresh(engine, alias)
    report = maintenance.reconcile(portal, engine, say=lines.append)
    assert report == {"missing": [gone], "extra": ["stranger-uid"], "stale": [stale]}
    assert any("1 missing, 1 extra, 1 stale" in line for line in lines)


def test_reconcile_fix_sends_what_is_missing(functional):
    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    case = file_case(portal, applicant_name="对账修复")
    settle(portal)
    engine = search_engine()
    alias = case_index.alias_name(engine, portal)
    uid = IUUID(case)
    # lost with a plain (unversioned) delete, as a wiped node or a manual mistake would
    engine.client.delete(index=alias, id=uid)
    case_index.refresh(engine, alias)
    report = maintenance.reconcile(portal, engine, fix=True, say=lambda line: None)
    assert report["missing"] == [uid] and report["fixed"]["left"] == 0
    assert document(engine, portal, uid)["applicant_name"] == ["对账修复"]


def test_rebuild_keeps_answering_and_misses_nothing_committed_meanwhile(functional):
    """No downtime: while the rebuild runs, searches answer from the old index; a case filed
    and an application edited over REST in the middle of it (other requests, other
    connections, the worker sending to both indices) are in the new index after the swap."""
    import requests

    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    cases = [file_case(portal, applicant_name=f"不停机{n}") for n in range(3)]
    settle(portal)
    engine = search_engine()
    alias = case_index.alias_name(engine, portal)
    site_url = f"http://{functional['host']}:{functional['port']}/plone"
    auth = ("zhangwei", "shaoyang-demo")
    headers = {"Accept": "application/json"}
    meanwhile = {}

    def during(line):
        if not line.startswith("1/3 cases") or meanwhile:
            return
        case_index.refresh(engine, alias)
        hits = engine.search(alias, {"query": {"match_phrase": {"applicant_name": "不停机2"}}})["hits"]
        meanwhile["answered"] = hits["total"]["value"]
        filed = requests.post(f"{site_url}/cases", headers=headers, auth=auth, timeout=60,
                              json={"@type": "CaseFile", "item_code": "XK09901000"})
        assert filed.status_code == 201, filed.text
        meanwhile["new"] = filed.json()["UID"]
        edited = requests.patch(f"{cases[2].absolute_url()}/application", headers=headers, auth=auth,
                                timeout=60, json={"applicant_name": "改名于重建中"})
        assert edited.status_code == 204, edited.text
        settle(portal)

    result = maintenance.rebuild(portal, engine, batch=1, say=during)
    assert meanwhile["answered"] == 1  # the old index served the search in the middle
    assert case_index.aliased_indices(engine, alias) == [result["index"]]
    assert document(engine, portal, meanwhile["new"]) is not None
    # the rebuild's own (older) snapshot of the edited case did not overwrite the edit
    assert document(engine, portal, IUUID(cases[2]))["applicant_name"] == ["改名于重建中"]
    transaction.begin()  # see what the requests committed
    assert maintenance.reconcile(portal, engine, say=lambda line: None) == {"missing": [], "extra": [], "stale": []}
