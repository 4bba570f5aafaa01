"""Several Zope processes writing at once (issue 7): two ZEO clients file cases and change each
other's cases at the same moments; each process's own worker sends after its commits. The
index must end with exactly one document per case, each in its last committed state (both
processes' readers in its security field), nothing pending and nothing for reconcile to fix.

Real parts only: a ZEO server over a FileStorage, two ``zconsole`` processes with the add-on,
the real search node (tests/multiprocess_writer.py is what each process runs).
"""

from test_search_helpers import configure_test_prefix

configure_test_prefix()

import json  # noqa: E402
import os  # noqa: E402
import pathlib  # noqa: E402
import pytest  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


pytestmark = [pytest.mark.search, pytest.mark.slow]
HERE = pathlib.Path(__file__).parent
BIN = pathlib.Path(sys.executable).parent
WRITER = str(HERE / "multiprocess_writer.py")
CASES_EACH = 12

ZEO_CONF = """<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage 1>
  path {home}/Data.fs
  blob-dir {home}/blobs
</filestorage>
"""
ZOPE_CONF = """%import ZEO
%define INSTANCEHOME {home}
instancehome $INSTANCEHOME
%define CLIENTHOME {home}
clienthome $CLIENTHOME
security-policy-implementation C
default-zpublisher-encoding utf-8
<environment>
  TZ Asia/Shanghai
  CHAMELEON_CACHE {home}/cache
</environment>
<zodb_db main>
  <zeoclient>
    server 127.0.0.1:{port}
    storage 1
    blob-dir {home}/blobs
    shared-blob-dir on
  </zeoclient>
  mount-point /
</zodb_db>
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the ZEO server stopped"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the ZEO server did not start")


@pytest.fixture
def zeo(tmp_path):
    port = free_port()
    (tmp_path / "blobs").mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "zeo.conf").write_text(ZEO_CONF.format(home=tmp_path, port=port))
    server = subprocess.Popen(
        [str(BIN / "runzeo"), "-C", str(tmp_path / "zeo.conf")],
        stdout=subprocess.DEVNULL, stderr=open(tmp_path / "zeo.log", "w"),
    )
    try:
        wait_for_port(port, server)
        conf = tmp_path / "zope.conf"
        conf.write_text(ZOPE_CONF.format(home=tmp_path, port=port))
        yield conf
    finally:
        server.terminate()
        server.wait(30)


def zconsole(conf, *args, wait=True):
    env = {**os.environ, "SHAOYANG_SEARCH_DRAIN": "thread", "TZ": "Asia/Shanghai"}
    process = subprocess.Popen([str(BIN / "zconsole"), "run", str(conf), WRITER, *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return finish(process) if wait else process


def finish(process, timeout=600):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return out


def line(out, tag):
    return json.loads(next(l for l in out.splitlines() if l.startswith(tag + " "))[len(tag) + 1:])


def test_two_processes_writing_at_once_leave_one_current_document_per_case(zeo):
    assert "SETUP ok" in zconsole(zeo, "setup")
    barrier = zeo.parent / "barrier"
    barrier.mkdir()
    writers = [zconsole(zeo, "write", name, f"multi-{name}", str(CASES_EACH), str(barrier), wait=False)
               for name in ("a", "b")]
    written = [line(finish(w), "WRITE") for w in writers]
    assert all(w["idle"] for w in written)
    # They met: shared receipt counters and outbox made one of them retry at least once.
    assert sum(w["conflicts"] for w in written) > 0, "the two processes did not write at the same time"
    filed = written[0]["filed"] + written[1]["filed"]
    assert len(filed) == len(set(filed)) == 2 * CASES_EACH  # numbering held across processes

    result = line(zconsole(zeo, "verify"), "VERIFY")
    assert result["catalog"] == result["index"] == 2 * CASES_EACH  # no double, no missed entry
    assert result["receipts"] == sorted(filed)
    # the last state of every case, whichever process committed it and whichever sent last
    assert result["readers"] == [["user:reader-a", "user:reader-b"]] * (2 * CASES_EACH)
    assert result["report"] == {"missing": [], "extra": [], "stale": []}
    assert result["pending"] == 0
