"""One Zope process of tests/test_search_multiprocess.py (run by ``zconsole run`` on a ZEO
client configuration; not collected by pytest).

    zconsole run zope.conf multiprocess_writer.py setup
    zconsole run zope.conf multiprocess_writer.py write NAME SEED COUNT BARRIER_DIR
    zconsole run zope.conf multiprocess_writer.py verify

``setup`` creates the site. ``write`` waits until every writer is ready (a file each in
BARRIER_DIR, so that none finishes before the other starts), then files COUNT planned demo cases (one transaction each,
so that receipt numbers and the outbox meet the other process's commits), then names a
reader of its own on every case the site has, the other process's included, also one
transaction each, while the other process does the same. Each process's search worker sends
after its commits, as in a running Zope. Conflicts are retried as Zope retries a request.
``verify`` prints one JSON line: catalog and index counts, reconciliation, what is pending.
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import json
import sys
import time
import transaction


SITE_ID = "multi"
PROFILES = [
    "plone.app.contenttypes:default",
    "shaoyang.licensing:default",
    "shaoyang.licensing:demo",
]
ARGS = sys.argv[sys.argv.index(next(a for a in sys.argv if a.endswith("multiprocess_writer.py"))) + 1:]


CONFLICTS = []


def retrying(change, attempts=20):
    """Run ``change()`` and commit; on a conflict start again on fresh state."""
    for attempt in range(attempts):
        try:
            result = change()
            transaction.commit()
            return result
        except ConflictError:
            CONFLICTS.append(1)
            transaction.abort()
            time.sleep(0.02 * (attempt + 1))
    raise RuntimeError("too many conflicts")


def open_site(app):
    app = makerequest(app)
    setRequest(app.REQUEST)
    acl = app.acl_users
    if acl.getUser("admin") is None:
        acl._doAddUser("admin", "admin", ["Manager"], [])
        transaction.commit()
    newSecurityManager(None, acl.getUser("admin").__of__(acl))
    return app


def setup(app):
    addPloneSite(app, SITE_ID, title="multi", extension_ids=PROFILES,
                 default_language="zh-cn", portal_timezone="Asia/Shanghai")
    transaction.commit()
    print("SETUP ok", flush=True)


def barrier(directory, name, writers=2, timeout=120):
    """Wait until ``writers`` processes (this one included) have arrived."""
    import pathlib

    directory = pathlib.Path(directory)
    (directory / f"ready-{name}").touch()
    deadline = time.monotonic() + timeout
    while len(list(directory.glob("ready-*"))) < writers:
        if time.monotonic() > deadline:
            raise RuntimeError("the other writer never came")
        time.sleep(0.05)


def write(site, name, seed, count, barrier_dir):
    from plone import api
    from shaoyang.licensing.case import responsibility
    from shaoyang.licensing.case.repository import REPOSITORY_ID
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.cases import plan_cases
    from shaoyang.licensing.demo.filing import file_case
    from shaoyang.licensing.search import worker

    specs = plan_cases(catalogue_items(site), count, seed)
    repository = site[REPOSITORY_ID]
    filed = []
    barrier(barrier_dir, name)
    transaction.begin()
    with api.env.adopt_user(username="admin"):
        for spec in specs:
            filed.append(retrying(lambda: file_case(repository, spec).receipt_number))
        # Every case of the site, the other process's too, gets this process's reader.
        deadline = time.monotonic() + 120
        named = set()
        while time.monotonic() < deadline:
            transaction.begin()
            todo = sorted(set(repository.objectIds()) - named)
            for case_id in todo:
                retrying(lambda: responsibility.assign(repository[case_id], f"reader-{name}",
                                                       "named_reader", "多进程测试"))
                named.add(case_id)
            transaction.begin()
            if len(named) >= 2 * count:  # both processes' cases seen
                break
            time.sleep(0.5)
    idle = worker.wait_idle(120)
    print("WRITE " + json.dumps({"name": name, "filed": filed, "named": len(named), "idle": idle,
                                  "conflicts": len(CONFLICTS)}), flush=True)


def verify(site):
    from shaoyang.licensing.search import index as case_index
    from shaoyang.licensing.search import maintenance
    from shaoyang.licensing.search.engine import SearchEngine
    from shaoyang.licensing.search.outbox import get_outbox

    engine = SearchEngine()
    alias = case_index.alias_name(engine, site)
    case_index.refresh(engine, alias)
    hits = engine.search(alias, {"size": 1000, "query": {"match_all": {}},
                                 "_source": ["receipt_number", "allowedRolesAndUsers"]})["hits"]["hits"]
    report = maintenance.reconcile(site, engine, say=lambda line: None)
    outbox = get_outbox(site)
    print("VERIFY " + json.dumps({
        "catalog": len(site.portal_catalog.unrestrictedSearchResults(portal_type="CaseFile")),
        "index": len(hits),
        "receipts": sorted(h["_source"]["receipt_number"] for h in hits),
        "readers": sorted(sorted(r for r in h["_source"]["allowedRolesAndUsers"] if r.startswith("user:reader-"))
                          for h in hits),
        "report": report,
        "pending": len(outbox) if outbox is not None else None,
    }), flush=True)


def main(app):
    app = open_site(app)
    command = ARGS[0]
    if command == "setup":
        return setup(app)
    site = app[SITE_ID]
    setSite(site)
    if command == "write":
        return write(site, ARGS[1], ARGS[2], int(ARGS[3]), ARGS[4])
    return verify(site)


main(app)  # noqa: F821 - given by zconsole run
