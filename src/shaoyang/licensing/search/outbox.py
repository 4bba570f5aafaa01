"""The outbox: what the search index must learn, written in the same ZODB transaction as the
change itself.

Capture happens where Plone's catalog learns of changes, the indexing queue
(``IIndexQueueProcessor``): adding, editing, workflow steps, moves, deletions and
``reindexObjectSecurity`` (assignments, substitutions, the secrecy overlay, classification)
all pass through it, before commit. Each change of a case or one of its records becomes one
entry ``uid → (queued, token, action, path)`` in a BTree stored on the site: the latest
intent per case wins, an aborted transaction leaves no entry, and a committed one cannot lose
its entry whatever happens to the search node.

The capture itself is search/capture.py. After a successful commit its hook wakes the worker
(``worker.py``), which builds the documents
from the committed state, sends them, and marks exactly the entries it sent (same token),
so an entry rewritten meanwhile stays for the next round.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations

import logging
import time
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
