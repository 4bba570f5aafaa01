"""Capture: every change of a case, one of its records, or a catalogue item enters the search
outbox (search/outbox.py) inside the transaction that makes it, and a commit wakes the worker.

Capture happens where Plone's catalog learns of changes, the indexing queue
(``IIndexQueueProcessor``), so adding, editing, workflow steps, moves, deletions and security
re-indexing all pass through it, before commit.
"""

from Acquisition import aq_base
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import IIndexQueueProcessor
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.catalogue.item import ILicensingItem
from shaoyang.licensing.search import worker
from shaoyang.licensing.search.outbox import DELETE
from shaoyang.licensing.search.outbox import EXPAND_ITEM
from shaoyang.licensing.search.outbox import get_outbox
from shaoyang.licensing.search.outbox import INDEX
from zope.component.hooks import getSite
from zope.interface import implementer

import logging
import transaction


logger = logging.getLogger("shaoyang.licensing.search")


def _site_of(obj):
    site = getSite()
    if site is not None and hasattr(aq_base(site), "getPhysicalPath"):
        return site
    return None


def _relative_path(site, obj):
    return "/".join(obj.getPhysicalPath()[len(site.getPhysicalPath()):])


def target_of(obj):
    """``(key, action, case)`` an indexing operation on ``obj`` stands for, or None."""
    if ILicensingItem.providedBy(obj):
        return f"item:{obj.item_code}", EXPAND_ITEM, None
    case = find_case(obj)
    if case is None:
        return None
    uid = IUUID(case, None)
    if uid is None:
        return None
    return uid, INDEX, case


_TXN_KEY = object()  # marks a transaction whose after-commit hook is registered


def record(obj, removed=False):
    """Put the intent for ``obj`` (a case, a record in it, or a catalogue item) in the outbox
    of the current transaction.

    The action is a hint: the worker decides from the committed state (a case it can still
    find is indexed, one it cannot is deleted), so a move (unindex + index) or a record
    removed together with its case come out right whatever order the queue had."""
    site = _site_of(obj)
    target = target_of(obj)
    if site is None or target is None:
        return
    key, action, case = target
    if removed and ICaseFile.providedBy(obj):
        action = DELETE
    txn = transaction.get()
    try:
        txn.data(_TXN_KEY)
    except KeyError:
        txn.set_data(_TXN_KEY, True)
        db = site._p_jar.db() if site._p_jar is not None else None
        if db is not None:
            txn.addAfterCommitHook(_after_commit, args=(db, site.getPhysicalPath()))
    # Written every time (not once per transaction): a savepoint rolled back in between
    # must not leave the intent out.
    path = _relative_path(site, case) if case is not None else ""
    get_outbox(site, create=True).put(key, action, path)


def _after_commit(status, db, site_path):
    if not status:
        return  # aborted or failed: nothing was recorded
    try:
        worker.wake(db, site_path)
    except Exception:  # never disturb the request that committed
        logger.exception("search outbox: could not wake the worker")


@implementer(IIndexQueueProcessor)
class OutboxProcessor:
    """Registered next to the catalog's processor: every (re)index/unindex the catalog gets
    for our content also lands in the outbox."""

    def index(self, obj, attributes=None):
        self._record(obj)

    def reindex(self, obj, attributes=None, update_metadata=1):
        self._record(obj)

    def unindex(self, obj):
        self._record(obj, removed=True)

    def _record(self, obj, removed=False):
        try:
            record(obj, removed=removed)
        except Exception:
            # Capture must not break filing; but a silent miss is drift, so say it loudly.
            # `scripts/reconcile` finds and repairs whatever this lost.
            logger.exception("search outbox: could not record %r", obj)

    def begin(self):
        pass

    def commit(self):
        pass

    def abort(self):
        pass
