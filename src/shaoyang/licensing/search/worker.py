"""The worker: sends what the outbox holds to the search node, after commit, never before.

``drain(db, site_path)`` is one round, usable from any thread or process (scripts/drain):

1. open a fresh connection of its own (its own transaction manager, so a request's
   transaction is never touched) and read the outbox, oldest first;
2. build each case's document from the committed state at that snapshot; a case that can no
   longer be found is deleted from the index, whatever the entry said; a changed catalogue
   item stands for all its cases (the catalog's ``item_code`` index, same snapshot), which
   are sent in batches right away rather than queued: the worker writes only the outbox's
   ``sent`` tree, never the entries filing transactions write;
3. send one bulk request per batch with ``version_type=external`` and the snapshot's
   transaction id as version, so the node keeps the newest state even when two processes
   send the same case in the opposite order;
4. in a new transaction mark exactly the entries that were sent (their tokens, in the
   outbox's ``sent`` tree, which filing transactions never write: an entry rewritten
   meanwhile has a new token and stays pending); a ConflictError with another process's
   worker is retried on fresh state.

If the node is down nothing is marked: the entries wait, and the next commit or the retry
timer of the background thread sends them when it is back.

In a running Zope each process has one daemon thread (``wake``), woken by the outbox's
after-commit hook; ``SHAOYANG_SEARCH_DRAIN=sync`` drains in the committing thread instead,
``off`` leaves everything to ``scripts/drain``.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import system as system_user
from shaoyang.licensing.search import index as case_index
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.outbox import EXPAND_ITEM
from shaoyang.licensing.search.outbox import get_outbox
from ZODB.POSException import ConflictError
from ZODB.utils import u64
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest
from shaoyang.licensing.search.documents import case_document
from Testing.makerequest import makerequest

import logging
import os
import threading
import time
import transaction


logger = logging.getLogger("shaoyang.licensing.search")

BATCH = 200
REMOVE_RETRIES = 10
# Sent entries are forgotten in one go once this many piled up and nothing is pending
# (the only outbox write that can meet a filing transaction).
COMPACT_AT = int(os.environ.get("SHAOYANG_SEARCH_COMPACT_AT", "500"))
RETRY_SECONDS = (1, 2, 5, 10, 30, 60)  # backoff while the node is down


def snapshot_version(connection):
    """The id of the last transaction this connection's snapshot contains, as an integer:
    every state of an object committed later has a larger one (external version)."""
    start = getattr(connection._storage, "_start", None)  # ZODB's MVCC adapter
    if start is not None:
        return u64(start) - 1
    return u64(connection.db().lastTransaction())  # other storages: a lower bound


class _Opened:
    """A connection of our own on ``db`` with the site set up as in a request."""
    def __init__(self, db, site_path):
        self.db, self.site_path = db, site_path

    def __enter__(self):

        self.tm = transaction.TransactionManager()
        self.connection = self.db.open(transaction_manager=self.tm)
        self.old = (getSite(), getRequest(), getSecurityManager())
        self.tm.begin()
        app = makerequest(self.connection.root()["Application"])
        setRequest(app.REQUEST)
        self.site = app.unrestrictedTraverse("/".join(self.site_path))
        setSite(self.site)
        newSecurityManager(None, system_user)
        return self

    def fresh(self):
        """Start a new transaction on the same connection: newest committed state."""
        self.tm.abort()
        self.tm.begin()
        app = self.connection.root()["Application"]

        app = makerequest(app)
        setRequest(app.REQUEST)
        self.site = app.unrestrictedTraverse("/".join(self.site_path))
        setSite(self.site)
        return self.site

    def __exit__(self, *exc):
        try:
            self.tm.abort()
        finally:
            self.connection.close()
            site, request, manager = self.old
            setSite(site)
            setRequest(request)
            setSecurityManager(manager)


def _find(site, uid):
    catalog = site.portal_catalog
    brains = catalog.unrestrictedSearchResults(UID=uid)
    for brain in brains:
        try:
            return brain._unrestrictedGetObject()
        except (KeyError, AttributeError):
            return None
    return None


def _cases_of_item(site, item_code):
    """uids of the cases of one catalogue item in this snapshot (the catalog, not the index:
    a case sent a moment ago may not be searchable yet, and would keep the old title)."""
    brains = site.portal_catalog.unrestrictedSearchResults(portal_type="CaseFile", item_code=item_code)
    return [brain.UID for brain in brains]


def drain(db, site_path, engine=None, batch=BATCH, refresh=False, limit=None):
    """One or more rounds until the outbox is empty (or ``limit`` entries were handled).
    Returns ``{"sent", "deleted", "superseded", "failed", "left"}``; raises SearchUnavailable
    when the node cannot be reached (the entries stay)."""
    engine = engine or SearchEngine()
    totals = {"sent": 0, "deleted": 0, "superseded": 0, "failed": 0, "left": 0}
    handled = 0
    with _Opened(db, site_path) as opened:
        while True:
            site = opened.fresh()
            outbox = get_outbox(site)
            if outbox is None or not len(outbox):
                break
            pending = outbox.pending(limit=batch)
            version = snapshot_version(opened.connection)
            targets = case_index.write_targets(engine, site)
            cases = [(key, entry) for key, entry in pending if entry[2] != EXPAND_ITEM]
            sent = _send_cases(engine, site, targets, cases, version, refresh, totals)
            for key, entry in pending:
                if entry[2] == EXPAND_ITEM and _send_item(engine, site, targets, key, version, refresh, batch, totals):
                    sent[key] = entry
            _mark_sent(opened, sent)
            handled += len(pending)
            if not sent:
                break  # nothing moves: do not loop on a document the node refuses
            if limit and handled >= limit:
                break
        site = opened.fresh()
        outbox = get_outbox(site)
        totals["left"] = len(outbox) if outbox is not None else 0
        if outbox is not None and not totals["left"] and len(outbox.sent) >= COMPACT_AT:
            _retrying(opened, lambda o: o.compact(), "search: outbox compacted")
    return totals


def _send_cases(engine, site, targets, entries, version, refresh, totals):
    """Build the documents of ``[(uid, entry)]`` from the snapshot and send them to every
    target; returns ``{uid: entry}`` of those the node took (or holds newer)."""
    operations, sent = [], {}
    for key, entry in entries:
        obj = _find(site, key)
        try:
            document = None if obj is None else case_document(obj)
        except Exception:
            logger.exception("search: the document of %s could not be built", key)
            totals["failed"] += 1
            continue  # stays in the outbox; the rest goes on
        operations.append((key, version, document))
        sent[key] = entry
    outcome = case_index.bulk(engine, targets[0], operations, refresh=refresh)
    for target in targets[1:]:
        try:
            case_index.bulk(engine, target, operations, refresh=refresh)
        except SearchUnavailable:
            raise
        except Exception:  # the rebuild ended meanwhile: its index is the live one
            logger.info("search: %s is gone", target)
    for key, result in outcome.items():
        if result not in ("ok", "superseded"):
            logger.error("search: %s was refused by the node: %s", key, result)
            sent.pop(key, None)
            totals["failed"] += 1
    totals["sent"] += sum(1 for key, _v, d in operations if d is not None and key in sent)
    totals["deleted"] += sum(1 for key, _v, d in operations if d is None and key in sent)
    totals["superseded"] += sum(1 for result in outcome.values() if result == "superseded")
    return sent


def _send_item(engine, site, targets, key, version, refresh, batch, totals):
    """Re-send every case of a changed catalogue item (its title is in their
    documents), ``batch`` at a time, from the same snapshot. Sent here rather than queued
    in the outbox: the worker never writes the entries filing transactions write. True when
    all went out (else the item's entry stays and the next round expands it again)."""
    uids = _cases_of_item(site, key.split(":", 1)[1])
    for start in range(0, len(uids), batch):
        chunk = [(uid, None) for uid in uids[start:start + batch]]
        if len(_send_cases(engine, site, targets, chunk, version, refresh, totals)) < len(chunk):
            return False
    return True


def _mark_sent(opened, sent):
    """Mark what was sent, in a transaction of our own (it writes only the ``sent`` tree)."""
    if not sent:
        return
    if not _retrying(opened, lambda outbox: outbox.mark_sent(sent), "search: outbox entries sent"):
        logger.warning("search: could not mark %d sent entries (conflicts); they will be sent again", len(sent))


def _retrying(opened, change, note):
    for attempt in range(REMOVE_RETRIES):
        site = opened.fresh()
        change(get_outbox(site))
        try:
            opened.tm.get().note(note)
            opened.tm.commit()
            return True
        except ConflictError:
            opened.tm.abort()
            time.sleep(0.05 * (attempt + 1))
    return False


def compact(db, site_path):
    """Drop sent entries from the outbox (the worker does it when enough have piled up)."""
    removed = []
    with _Opened(db, site_path) as opened:
        _retrying(opened, lambda outbox: removed.append(outbox.compact()), "search: outbox compacted")
    return removed[-1] if removed else 0


# -- the background thread of this process ---------------------------------------------


class _Worker(threading.Thread):
    def __init__(self):
        super().__init__(name="shaoyang-search-worker", daemon=True)
        self.condition = threading.Condition()
        self.targets = {}  # (id(db), site_path) → (db, site_path): what has work
        self.busy = False
        self.failures = 0

    def wake(self, db, site_path):
        with self.condition:
            self.targets[(id(db), tuple(site_path))] = (db, tuple(site_path))
            self.failures = 0
            self.condition.notify_all()

    def run(self):
        while True:
            with self.condition:
                while not self.targets:
                    self.busy = False
                    self.condition.notify_all()
                    self.condition.wait()
                targets, self.targets = self.targets, {}
                self.busy = True
            retry = {}
            for key, (db, site_path) in targets.items():
                try:
                    drain(db, site_path)
                except SearchUnavailable as error:
                    logger.warning("search: node unavailable, %s", error)
                    retry[key] = (db, site_path)
                except Exception:
                    if getattr(db, "storage", None) is None or _closed(db):
                        continue  # the database went away (a test layer ended)
                    logger.exception("search: draining the outbox failed")
                    retry[key] = (db, site_path)
            if retry:
                delay = RETRY_SECONDS[min(self.failures, len(RETRY_SECONDS) - 1)]
                self.failures += 1
                with self.condition:
                    self.busy = False
                    self.condition.notify_all()
                    self.condition.wait(timeout=delay)
                    for key, value in retry.items():
                        self.targets.setdefault(key, value)

    def wait_idle(self, timeout=30):
        deadline = time.monotonic() + timeout
        with self.condition:
            while self.busy or self.targets:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.condition.wait(timeout=min(remaining, 0.1))
        return True


def _closed(db):
    try:
        db.lastTransaction()
        return False
    except Exception:
        return True


_worker = None
_lock = threading.Lock()


def mode():
    return os.environ.get("SHAOYANG_SEARCH_DRAIN", "thread")


def wake(db, site_path):
    """Called after a commit that wrote the outbox."""
    global _worker
    current = mode()
    if current == "off":
        return
    if current == "sync":
        try:
            drain(db, site_path)
        except SearchUnavailable as error:
            logger.warning("search: node unavailable, entries stay in the outbox: %s", error)
        return
    with _lock:
        if _worker is None or not _worker.is_alive():
            _worker = _Worker()
            _worker.start()
    _worker.wake(db, site_path)


def wait_idle(timeout=30):
    """True when this process's worker has nothing left to try right now (tests, scripts)."""
    return _worker.wait_idle(timeout) if _worker is not None else True
