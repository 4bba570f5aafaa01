"""Shared by tests/test_search_*.py (no tests here): a private index prefix, filing cases, reading documents."""

from plone import api
from plone.dexterity.utils import createContentInContainer

import atexit
import contextlib
import datetime
import os
import pytest
import socket
import transaction


def configure_test_prefix():
    """All indices of this test run get their own prefix (several runs may share the node),
    and are deleted when the run ends."""
    if os.environ.get("SHAOYANG_SEARCH_PREFIX", "").startswith("test-"):
        return
    prefix = f"test-{os.getpid()}"
    os.environ["SHAOYANG_SEARCH_PREFIX"] = prefix
    os.environ.setdefault("SHAOYANG_SEARCH_DRAIN", "thread")
    atexit.register(_delete_indices, prefix)


def _delete_indices(prefix):
    try:
        search_engine().delete_index(f"{prefix}-*")
    except Exception:
        pass


def search_engine():
    from shaoyang.licensing.search.engine import SearchEngine

    return SearchEngine()


def closed_port_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def unreachable_node():
    """Inside the block the site's search node is a closed port; after it, the node the run
    was pointed at again (the OpenSearch pass of scripts/test sets SHAOYANG_SEARCH_URL)."""
    original = os.environ.get("SHAOYANG_SEARCH_URL")
    os.environ["SHAOYANG_SEARCH_URL"] = closed_port_url()
    try:
        yield
    finally:
        if original is None:
            del os.environ["SHAOYANG_SEARCH_URL"]
        else:
            os.environ["SHAOYANG_SEARCH_URL"] = original


def settle(portal, timeout=60):
    """Wait until this process's search worker has sent what the commits gave it."""
    from shaoyang.licensing.search import worker

    assert worker.wait_idle(timeout), "the search worker did not finish"


def document(engine, site, uid):
    from shaoyang.licensing.search import index as case_index

    alias = case_index.alias_name(engine, site)
    if not case_index.aliased_indices(engine, alias):
        return None  # nothing indexed yet
    case_index.refresh(engine, alias)
    hits = engine.search(alias, {"query": {"ids": {"values": [uid]}}})["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def file_case(portal, user="zhangwei", commit=True, classification=None, applicant_name="邵阳市湘味食品有限公司",
              applicant_type="organisation", id_number=None, credit_code="91350100M000100Y43", **fields):
    extra = {}
    if classification:
        extra = {"classification": classification,
                 "disclosure": "withheld" if classification == "secret" else "on_request"}
    with api.env.adopt_user(username=user):
        case = createContentInContainer(portal["cases"], "CaseFile", item_code="XK09901000", **extra)
        application = {"applicant_type": applicant_type, "applicant_name": applicant_name,
                       "phone": "13812345678", "received_date": datetime.date.today(), **fields}
        if applicant_type == "person":
            application["id_number"] = id_number or "11010519491231002X"
        else:
            application["credit_code"] = credit_code
        createContentInContainer(case, "Application", id="application", **application)
    if commit:
        transaction.commit()
    return case


def empty_case_index(portal):
    """Start from no case index: each functional test has a new database, but the node keeps
    the documents of the tests before, which would be drift for this one."""
    from shaoyang.licensing.search import index as case_index

    engine = search_engine()
    for name in case_index.aliased_indices(engine, case_index.alias_name(engine, portal)):
        engine.delete_index(name)


OTHER_RECEIVER = "jtys_receiver"


def add_other_departments_receiver(portal, password="shaoyang-demo"):
    """A window receiver of the transport department (交通运输局): no reader of the test
    item's cases, whose agency is market supervision."""
    from plone.app.testing import SITE_OWNER_NAME

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        api.user.create(email="o@example.org", username=OTHER_RECEIVER, password=password)
        api.group.add_user(groupname="Receivers", username=OTHER_RECEIVER)
        api.group.add_user(groupname="department-jtys", username=OTHER_RECEIVER)
    return OTHER_RECEIVER


@pytest.fixture
def site(functional):
    """The functional site with the test item, an empty case index and its search worker
    idle (import it by name)."""
    from helpers import make_item

    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    settle(portal)
    empty_case_index(portal)
    return portal
