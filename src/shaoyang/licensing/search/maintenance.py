"""Full rebuild with an alias swap, reconciliation of the catalog with the index, draining.

Used by ``scripts/reindex``, ``scripts/reconcile`` and ``scripts/drain`` (through
``zconsole run``, see scripts/search_command.py) and by the tests.
"""

from shaoyang.licensing.search import index as case_index
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.outbox import DELETE
from shaoyang.licensing.search.outbox import get_outbox
from shaoyang.licensing.search.outbox import INDEX
from shaoyang.licensing.search.documents import case_document
from shaoyang.licensing.search.worker import snapshot_version
from shaoyang.licensing.search.worker import drain

import time
import transaction


def _cases(site):
    catalog = site.portal_catalog
    return catalog.unrestrictedSearchResults(portal_type="CaseFile", sort_on="created")


def rebuild(site, engine=None, batch=200, say=print):
    """Build a new index from every case, then swap the alias to it (searches keep using the
    old one until then). Changes committed meanwhile reach both (the worker writes to the
    ``-building`` alias too), and versions keep the newest state in each."""
    engine = engine or SearchEngine()
    alias = case_index.alias_name(engine, site)
    building = case_index.building_alias(engine, site)
    old = case_index.aliased_indices(engine, alias)
    new = case_index.new_index_name(engine, site)
    case_index.create_case_index(engine, new)
    actions = [{"remove": {"index": name, "alias": building}}
               for name in case_index.aliased_indices(engine, building)]
    actions.append({"add": {"index": new, "alias": building}})
    engine.update_aliases(actions)
    say(f"new index {new} (alias {alias} still on {', '.join(old) or 'nothing'})")

    transaction.begin()  # snapshot taken after the building alias exists (see the worker)
    version = snapshot_version(site._p_jar)
    brains = _cases(site)
    total = len(brains)
    started = time.monotonic()
    done = failed = 0
    for start in range(0, total, batch):
        operations = []
        for brain in brains[start:start + batch]:
            case = brain._unrestrictedGetObject()
            operations.append((brain.UID, version, case_document(case)))
        outcome = case_index.bulk(engine, new, operations)
        failed += sum(1 for v in outcome.values() if v not in ("ok", "superseded"))
        done += len(operations)
        rate = done / max(time.monotonic() - started, 1e-6)
        say(f"{done}/{total} cases ({rate:.0f}/s)")
        site._p_jar.cacheGC()
    case_index.refresh(engine, new)

    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new, "alias": alias, "is_write_index": True}})
    actions.append({"remove": {"index": new, "alias": building}})
    engine.update_aliases(actions)
    for name in old:
        engine.delete_index(name)
    seconds = time.monotonic() - started
    say(f"alias {alias} → {new}; {done} cases in {seconds:.1f} s, {failed} refused"
        + (f"; removed {', '.join(old)}" if old else ""))
    return {"index": new, "cases": done, "failed": failed, "seconds": seconds}


def _index_state(engine, alias):
    """``{uid: (modified, state, roles, overdue)}`` of every document in the index."""
    found, after = {}, None
    while True:
        body = {"size": 1000, "query": {"match_all": {}}, "sort": [{"uid": "asc"}],
                "_source": ["modified", "state", "allowedRolesAndUsers", "overdue"]}
        if after:
            body["search_after"] = after
        hits = engine.search(alias, body)["hits"]["hits"]
        if not hits:
            return found
        for hit in hits:
            source = hit["_source"]
            found[hit["_id"]] = (source.get("modified"), source.get("state"),
                                 tuple(sorted(source.get("allowedRolesAndUsers") or ())),
                                 bool(source.get("overdue")))
        after = hits[-1]["sort"]


def reconcile(site, engine=None, fix=False, say=print):
    """Compare the catalog's cases (uid, modified, state, allowedRolesAndUsers, overdue) with
    the index.
    Reports ``{"missing", "extra", "stale"}`` (lists of uids); with ``fix`` queues them in the
    outbox and drains it."""
    engine = engine or SearchEngine()
    alias = case_index.ensure_index(engine, site)
    case_index.refresh(engine, alias)
    transaction.begin()
    catalog = site.portal_catalog
    expected = {}
    for brain in _cases(site):
        data = catalog.getIndexDataForRID(brain.getRID())
        expected[brain.UID] = (brain.modified.ISO8601() if brain.modified else None, brain.review_state,
                               tuple(sorted(data.get("allowedRolesAndUsers") or ())), bool(data.get("overdue")))
    indexed = _index_state(engine, alias)
    missing = sorted(set(expected) - set(indexed))
    extra = sorted(set(indexed) - set(expected))
    stale = sorted(uid for uid in set(expected) & set(indexed) if _differs(expected[uid], indexed[uid]))
    say(f"catalog {len(expected)} cases, index {len(indexed)} documents: "
        f"{len(missing)} missing, {len(extra)} extra, {len(stale)} stale")
    for name, uids in (("missing", missing), ("extra", extra), ("stale", stale)):
        for uid in uids[:20]:
            say(f"  {name}: {uid}")
        if len(uids) > 20:
            say(f"  {name}: ... {len(uids) - 20} more")
    report = {"missing": missing, "extra": extra, "stale": stale}
    if fix and (missing or extra or stale):
        outbox = get_outbox(site, create=True)
        for uid in missing + stale:
            outbox.put(uid, INDEX)
        for uid in extra:
            outbox.put(uid, DELETE)
        transaction.get().note("search: reconcile queued drift")
        transaction.commit()
        totals = drain_site(site, engine)
        say(f"fixed: {totals['sent']} sent, {totals['deleted']} deleted, {totals['left']} left")
        report["fixed"] = totals
    return report


def _differs(expected, indexed):
    return expected != indexed  # the index keeps DateTime's ISO8601 string as the catalog has it


def drain_site(site, engine=None, say=None):

    totals = drain(site._p_jar.db(), site.getPhysicalPath(), engine=engine)
    if say:
        say(f"sent {totals['sent']}, deleted {totals['deleted']}, superseded {totals['superseded']}, "
            f"refused {totals['failed']}, left {totals['left']}")
    return totals
