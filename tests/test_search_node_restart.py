"""A real search node killed and restarted while cases are filed (issue 7, done-when).

The test runs its own node from the same build (a copy of scripts/search-node under a
temporary root that shares var/search/dist), on a free port, so stopping it cannot disturb
the shared development node other test runs use."""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

from helpers import make_item  # noqa: E402
from plone import api  # noqa: E402
from plone.app.testing import SITE_OWNER_NAME  # noqa: E402
from plone.uuid.interfaces import IUUID  # noqa: E402
from test_search_helpers import document  # noqa: E402
from test_search_helpers import file_case  # noqa: E402
from test_search_helpers import search_engine  # noqa: E402
from test_search_helpers import settle  # noqa: E402
from shaoyang.licensing.search import worker  # noqa: E402
from shaoyang.licensing.search.outbox import get_outbox  # noqa: E402

import os  # noqa: E402
import pathlib  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import pytest  # noqa: E402
import transaction  # noqa: E402


pytestmark = pytest.mark.search
REPO = pathlib.Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateNode:
    def __init__(self, root, port):
        self.root, self.port = root, port
        (root / "scripts").mkdir(parents=True)
        shutil.copy2(REPO / "scripts" / "search-node", root / "scripts" / "search-node")
        (root / "scripts" / "search-node.d").symlink_to(REPO / "scripts" / "search-node.d")
        (root / "scripts" / "lib").symlink_to(REPO / "scripts" / "lib")
        (root / "var" / "search").mkdir(parents=True)
        dist = REPO / "var" / "search" / "dist"
        if dist.exists():
            (root / "var" / "search" / "dist").symlink_to(dist)
        self.url = f"http://127.0.0.1:{port}"

    def run(self, command):
        env = {**os.environ, "SEARCH_PORT": str(self.port), "SEARCH_TRANSPORT_PORT": str(_free_port())}
        result = subprocess.run([str(self.root / "scripts" / "search-node"), command], env=env,
                                capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def node(tmp_path):
    node = PrivateNode(tmp_path / "node", _free_port())
    node.run("start")
    yield node
    node.run("stop")


def test_backlog_of_a_stopped_node_drains_in_order_when_it_returns(functional, node, monkeypatch):
    monkeypatch.setenv("SHAOYANG_SEARCH_URL", node.url)
    portal = functional["portal"]
    make_item(portal)
    transaction.commit()
    first = file_case(portal, applicant_name="停机前的申请人")
    settle(portal)
    engine = search_engine()
    assert document(engine, portal, IUUID(first))["applicant_name"] == ["停机前的申请人"]

    node.run("stop")  # the node is killed (SIGTERM, as an operator or a crash would)
    transaction.begin()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        first["application"].applicant_name = "停机期间改名一次"
        first["application"].reindexObject()
    transaction.commit()
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        first["application"].applicant_name = "停机期间改名两次"
        first["application"].reindexObject()
    transaction.commit()
    second = file_case(portal, applicant_name="停机期间新申请甲")
    third = file_case(portal, applicant_name="停机期间新申请乙")
    settle(portal)  # the worker tried, failed, keeps everything
    transaction.begin()
    pending = [key for key, _entry in get_outbox(portal).pending()]
    assert pending == [IUUID(first), IUUID(second), IUUID(third)]  # in the order of the changes

    node.run("start")
    worker.wake(portal._p_jar.db(), portal.getPhysicalPath())  # as the next commit would
    settle(portal)
    docs = [document(engine, portal, IUUID(case)) for case in (first, second, third)]
    assert docs[0]["applicant_name"] == ["停机期间改名两次"]  # the latest state, not an earlier one
    assert docs[1]["applicant_name"] == ["停机期间新申请甲"]
    assert docs[2]["applicant_name"] == ["停机期间新申请乙"]
    assert docs[0]["indexed"] <= docs[1]["indexed"] <= docs[2]["indexed"]  # sent in order
    transaction.begin()
    assert get_outbox(portal).pending() == []  # nothing lost, nothing left
