"""The outbox: what the search index must learn, written in the same ZODB transaction as the
change itself.

Capture happens where Plone's catalog learns of changes, the indexing queue
(``IIndexQueueProcessor``): adding, editing, workflow steps, moves, deletions and
``reindexObjectSecurity`` (assignments, substitutions, the secrecy overlay, classification)
all pass through it, before commit. Each change of a case or one of its records becomes one
entry ``uid → (queued, token, action, path)`` in a BTree stored on the site: the latest
intent per case wins, an aborted transaction leaves no entry, and a committed one cannot lose
its entry whatever happens to the search node.

After a successful commit a hook wakes the worker (``worker.py``), which builds the documents
from the committed state, sends them, and marks exactly the entries it sent (same token),
so an entry rewritten meanwhile stays for the next round.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import IIndexQueueProcessor
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite
from zope.interface import implementer

import logging
import time
import transaction
import uuid


logger = logging.getLogger("shaoyang.licensing.search")

ANNOTATION_KEY = "shaoyang.licensing.search.outbox"
INDEX = "index"
DELETE = "delete"
EXPAND_ITEM = "expand_item"  # re-index every case of a catalogue item (its title changed)


class Outbox(Persistent):
    """Two trees, so that the people filing and the worker never write the same object:

    * ``entries`` (written by transactions that change content): key → (queued_ns, token,
      action, path), the latest intent per key;
    * ``sent`` (written by the worker only): key → the token it last sent.

    An entry is pending while ``sent`` does not hold its token. ``compact`` drops sent
    entries from both trees once in a while (the only write that can meet a filing
    transaction; it is retried, and Zope retries a request that meets it)."""

    def __init__(self):
        self.entries = OOBTree()
        self.sent = OOBTree()

    def put(self, key, action, path=""):
        old = self.entries.get(key)
        pending = old is not None and self.sent.get(key) != old[1]
        queued = old[0] if pending else time.time_ns()  # a pending entry keeps its place
        entry = (queued, uuid.uuid4().hex, action, path)
        self.entries[key] = entry
        return entry

    def pending(self, limit=None):
        """``[(key, entry)]`` not sent yet, oldest first."""
        sent = self.sent
        items = [(k, e) for k, e in self.entries.items() if sent.get(k) != e[1]]
        items.sort(key=lambda kv: kv[1][0])
        return items[:limit] if limit else items

    def mark_sent(self, sent):
        """Record that the entries of ``{key: entry}`` reached the index. An entry rewritten
        since has a new token, so it stays pending."""
        for key, entry in sent.items():
            self.sent[key] = entry[1]

    def compact(self):
        """Forget entries that were sent; returns how many."""
        removed = 0
        for key, token in list(self.sent.items()):
            entry = self.entries.get(key)
            if entry is None or entry[1] == token:
                if entry is not None:
                    del self.entries[key]
                del self.sent[key]
                removed += 1
        return removed

    def __len__(self):
        """Number of pending entries."""
        sent = self.sent
        return sum(1 for k, e in self.entries.items() if sent.get(k) != e[1])


def get_outbox(site, create=False):
    annotations = IAnnotations(site)
    outbox = annotations.get(ANNOTATION_KEY)
    if outbox is None and create:
        outbox = annotations[ANNOTATION_KEY] = Outbox()
    return outbox


def _site_of(obj):
    site = getSite()
    if site is not None and hasattr(aq_base(site), "getPhysicalPath"):
        return site
    return None


def _relative_path(site, obj):
    return "/".join(obj.getPhysicalPath()[len(site.getPhysicalPath()):])


def target_of(obj):
    """``(key, action, case)`` an indexing operation on ``obj`` stands for, or None."""
    from shaoyang.licensing.case.casefile import find_case
    from shaoyang.licensing.catalogue.item import ILicensingItem

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
    from shaoyang.licensing.case.casefile import ICaseFile

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
        from shaoyang.licensing.search import worker

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
