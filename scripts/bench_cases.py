"""Benchmark: full reindex against a plain bulk load, and staff search against the raw engine
query and the Plone catalog, on the cached bench database (scripts/bench_populate.py).

Run by `scripts/bench` through `zconsole run` on var/bench-10k/zope.conf:

    .venv/bin/zconsole run var/bench-10k/zope.conf scripts/bench_cases.py QUERIES_JSON BIG

1. ``maintenance.rebuild`` of the site's case index (the measured rebuild; it also gives the
   index the later steps search), then the same documents, fetched back from that index as
   plain dicts, loaded into a fresh index with the same mapping in one bulk stream.
2. The staff search questions (``questions()``) asked, round-robin, three ways: the raw engine
   query ``staff.build_query`` makes for the user, sent by the raw client; ``staff.search``
   (the adapter behind ``@case-search``: security filter, query, facets, titles); and
   ``portal_catalog.searchResults`` with SearchableText and the filters it has indexes for.
   The bodies go to QUERIES_JSON for the REST benchmark (scripts/bench_rest.py).
3. BIG (e.g. 100000, 0 to skip) synthetic case documents planned by the demo generator and
   built in the shape of case_document (security fields copied from a real document of the
   same item and state) are bulk-loaded into a separate index, and the raw query is compared
   with staff.search against it. The index is kept (its questions go to QUERIES_JSON with
   ``-big`` before ``.json``) for the REST benchmark; scripts/bench deletes it at the end.
4. The Plone catalog at that size (``catalog_replica``: a copy of portal_catalog holding every
   cached case several times, built once and kept), asked the site's questions, against the
   raw query of the same kind at the synthetic index. ``BENCH_BIG_CATALOG=0`` skips it.

Prints one JSON line with the measurements; progress goes to stderr.
"""

from AccessControl.SecurityManagement import newSecurityManager
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import copy
import dataclasses
import datetime
import json
import os
import re
import sys
import time
import transaction

# zconsole runs this file without putting scripts/ on the path; scripts/bench runs from the root.
sys.path.insert(0, os.path.join(os.getcwd(), "scripts"))
from bench_stats import percentiles  # noqa: E402


SITE_ID = os.environ.get("BENCH_SITE", "bench")
USER = os.environ.get("BENCH_USER", "sunli")  # 孙丽, Archivist: archive retrieval is her job
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
TIME_LIMIT = float(os.environ.get("BENCH_SEARCH_SECONDS", "120"))  # per comparison
ARGS = [a for a in sys.argv if not a.endswith(".py") and a not in ("run",) and not a.endswith(".conf")]
QUERIES_JSON = ARGS[-2] if len(ARGS) >= 2 else "var/bench-queries.json"
BIG = int(ARGS[-1]) if ARGS and ARGS[-1].isdigit() else 0
BIG_QUERIES_JSON = QUERIES_JSON.replace(".json", "-big.json")
BIG_CATALOG = os.environ.get("BENCH_BIG_CATALOG", "1") != "0"  # the catalog replica at BIG entries
REPLICA_ID = "bench_catalog_replica"


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def summary(samples):
    return {"queries": len(samples), **percentiles(samples)}


def all_documents(raw, index):
    documents, after = [], None
    while True:
        body = {"size": 1000, "query": {"match_all": {}}, "sort": [{"uid": "asc"}]}
        if after:
            body["search_after"] = after
        hits = raw.search(index=index, **body)["hits"]["hits"]
        if not hits:
            return documents
        documents.extend(h["_source"] for h in hits)
        after = hits[-1]["sort"]


def questions(raw, index):
    """Staff questions drawn from what the index holds (deterministic: sorted by uid)."""
    hits = raw.search(index=index, size=400, sort=[{"uid": "asc"}],
                      _source={"excludes": ["text"]})["hits"]["hits"]
    docs = [h["_source"] for h in hits]
    org = next(d for d in docs if "organisation" in d["applicant_type"] and d["applicant_name"])
    person = next((d for d in docs if "person" in d["applicant_type"] and d["id_numbers"]), docs[1])
    decided = next((d for d in docs if d["document_numbers"]), docs[2])
    common_state = raw.search(index=index, size=0, aggs={"s": {"terms": {"field": "state", "size": 1}}})
    common_state = common_state["aggregations"]["s"]["buckets"][0]["key"]
    return [
        {"name": "word 食品", "q": "食品", "filters": {}},
        {"name": "two words", "q": "经营 许可", "filters": {}},
        {"name": "word + state filter", "q": "许可", "filters": {"state": common_state}},
        {"name": "applicant name (phrase)", "q": f'"{org["applicant_name"][0]}"', "filters": {}},
        {"name": "receipt number", "q": docs[0]["receipt_number"], "filters": {}},
        {"name": "ID number / credit code", "q": person["id_numbers"][0], "filters": {}},
        {"name": "decision document number", "q": decided["document_numbers"][0], "filters": {}},
        {"name": "browse item + year, newest first", "q": "", "sort": "received_desc",
         "filters": {"item_code": docs[3]["item_code"], "year": docs[3]["year"]}},
    ]


def compare(methods, asks, rounds=ROUNDS, limit=TIME_LIMIT):
    """Ask every question with every method, round-robin; ``{method: summary}`` and totals."""
    samples = {name: [] for name in methods}
    totals = {name: [] for name in methods}
    for name, call in methods.items():  # warm-up: one pass, also records the hit counts
        for ask in asks:
            totals[name].append(call(ask))
    started = time.monotonic()
    for _round in range(rounds):
        for ask in asks:
            for name, call in methods.items():
                t = time.perf_counter()
                call(ask)
                samples[name].append(time.perf_counter() - t)
        if time.monotonic() - started > limit:
            say(f"  time limit: stopped after {_round + 1} rounds")
            break
    return {name: summary(s) for name, s in samples.items()}, totals


def catalog_call(site, catalog=None):
    from shaoyang.licensing.search.staff import _catalog_text

    catalog = catalog if catalog is not None else site.portal_catalog

    def call(ask):
        query = {"portal_type": "CaseFile"}
        q = ask["q"].strip().strip('"“”')
        if q:
            query["SearchableText"] = _catalog_text(q)
        if ask["filters"].get("state"):  # item, agency, year, …: the catalog has no index for them
            query["review_state"] = ask["filters"]["state"]
        if ask.get("sort") == "received_desc":
            query.update(sort_on="created", sort_order="descending")
        brains = catalog.searchResults(**query)
        total = len(brains)
        [(b.getURL(), b.Title, b.review_state) for b in brains[:20]]
        return total

    return call


def catalog_replica(site, size):
    """A copy of the site's catalog in which every case is catalogued ``ceil(size / cases)``
    times (the copies under paths ``<path>-copyN``), so that the catalog is asked at the size
    of the synthetic index: same indexes, lexicon and security index, real objects indexed
    by Plone's own indexers. Built once and kept in the bench database; rebuilt when the
    number of cases changed. The UID index is left out for copies (it refuses duplicates)."""
    from shaoyang.licensing.case.repository import REPOSITORY_ID

    cases = site[REPOSITORY_ID].objectCount()
    copies = -(-size // cases)
    replica = site._getOb(REPLICA_ID, None)
    if replica is not None and getattr(replica, "_bench_key", None) == (cases, copies):
        say(f"catalog replica: cached, {len(replica):,} entries")
        return replica
    if replica is not None:
        site._delOb(REPLICA_ID)
    say(f"catalog replica: copying portal_catalog, then every case {copies - 1} more times "
        f"({cases * (copies - 1):,} entries; built once, kept in the bench database) ...")
    started = time.monotonic()
    copy = site.portal_catalog._getCopy(site)
    copy.id = REPLICA_ID
    site._setOb(REPLICA_ID, copy)
    replica = site._getOb(REPLICA_ID)
    indexes = [name for name in replica.indexes() if name != "UID"]
    brains = site.portal_catalog.unrestrictedSearchResults(portal_type="CaseFile")
    done, report = 0, 5000
    for brain in brains:
        case = brain._unrestrictedGetObject()
        path = brain.getPath()
        for n in range(1, copies):
            replica.catalog_object(case, uid=f"{path}-copy{n}", idxs=indexes)
            done += 1
        if done >= report:
            report += 5000
            transaction.commit()
            site._p_jar.cacheGC()
            rate = done / max(time.monotonic() - started, 1e-6)
            say(f"  catalog replica: {done:,}/{cases * (copies - 1):,} ({rate:.0f}/s)")
    replica._bench_key = (cases, copies)
    replica._bench_copies = copies
    replica._bench_seconds = round(time.monotonic() - started, 1)
    transaction.commit()
    return replica


def asks_big_shape(asks, big_asks):
    """The site's questions (they name real cases, which the replica holds) with the bodies
    of the synthetic index's questions of the same kind for the raw baseline."""
    return [{**ask, "body": big["body"]} for ask, big in zip(asks, big_asks)]


def staff_calls(site, engine, raw, alias, asks):
    from shaoyang.licensing.search import staff

    for ask in asks:
        ask["body"] = staff.build_query(site, ask["q"], ask["filters"], ask.get("sort", "relevance"))

    def raw_call(ask):
        return raw.search(index=alias, **ask["body"])["hits"]["total"]["value"]

    def adapter_call(ask):
        return staff.search(site, ask["q"], ask["filters"], ask.get("sort", "relevance"), engine=engine)["total"]

    return raw_call, adapter_call


def synthetic_documents(site, count, templates, say_every=10000):
    """``count`` case documents from the demo plan, in the shape of documents.case_document."""
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.cases import plan_cases

    items = catalogue_items(site)
    by_item = {}
    for (item, state), doc in templates.items():
        by_item.setdefault(item, doc)
    any_template = next(iter(templates.values()))
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    n = 0
    for chunk in range(0, count, 10000):
        for spec in plan_cases(items, min(10000, count - chunk), f"bench-big-{chunk}"):
            template = templates.get((spec["item_code"], spec["state"])) or by_item.get(spec["item_code"]) or any_template
            received = spec["received_date"]
            agency = (template.get("accepting_agency") or "xzsp").upper()
            receipt = f"{agency}-{received.year}-{n % 100000:05d}{n // 100000 or ''}"
            application = spec["application"]
            texts = [application.get("applicant_name") or "", application.get("legal_representative") or ""]
            texts += [o.get("text") or "" for o in spec["opinions"]]
            numbers = []
            if spec["decision"]:
                d = spec["decision"]
                texts += [d.get("certificate_name") or "", d.get("certificate_number") or "", d.get("reasons") or ""]
                if template.get("document_numbers"):
                    numbers = [re.sub(r"〕\d+号", f"〕{n}号", template["document_numbers"][0])]
            if spec["delivery"]:
                texts += [spec["delivery"].get("recipient") or "", spec["delivery"].get("receipt_note") or ""]
            if spec["evaluation"]:
                texts.append(spec["evaluation"].get("comment") or "")
            ids = [v.upper() for v in (application.get("id_number"), application.get("credit_code")) if v]
            yield {
                "uid": f"synthetic{n:07d}",
                "path": f"cases/{receipt.lower()}",
                "title": f"{template['item_title']}（{receipt}）",
                "receipt_number": receipt,
                "item_code": spec["item_code"],
                "item_title": template["item_title"],
                "agency": template.get("agency"),
                "accepting_agency": template.get("accepting_agency"),
                "deciding_agency": template.get("deciding_agency"),
                "state": spec["state"],
                "year": received.year,
                "received_date": received.isoformat(),
                "classification": template.get("classification"),
                "disclosure": template.get("disclosure"),
                "applicant_type": [application["applicant_type"]],
                "applicant_name": [application["applicant_name"]],
                "id_numbers": ids,
                "document_numbers": numbers,
                "text": "\n".join(t for t in texts if t),
                "overdue": bool(spec["late"]),
                "created": received.isoformat() + "T09:00:00+08:00",
                "modified": received.isoformat() + "T09:00:00+08:00",
                "effective": None,
                "expires": None,
                "allowedRolesAndUsers": template["allowedRolesAndUsers"],
                "indexed": now,
            }
            n += 1
            if n % say_every == 0:
                say(f"  synthetic {n}/{count}")


def main(app):
    os.environ["SHAOYANG_SEARCH_DRAIN"] = "off"
    from elasticsearch import Elasticsearch
    from elasticsearch.helpers import streaming_bulk
    from shaoyang.licensing.case.repository import REPOSITORY_ID
    from shaoyang.licensing.search import index as case_index
    from shaoyang.licensing.search import maintenance
    from shaoyang.licensing.search.engine import SearchEngine

    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app[SITE_ID]
    setSite(site)
    acl = app.acl_users
    newSecurityManager(None, acl.getUser("admin").__of__(acl))
    cases = site[REPOSITORY_ID].objectCount()
    engine = SearchEngine()
    raw = Elasticsearch(engine.settings.url, request_timeout=120)
    result = {"cases": cases}

    # 1. Full rebuild (maintenance.rebuild) against a plain bulk load of the same documents.
    say(f"full reindex of {cases} cases (maintenance.rebuild) ...")
    sending = []
    original_bulk = case_index.bulk

    def timed_bulk(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original_bulk(*args, **kwargs)
        finally:
            sending.append(time.perf_counter() - t)

    case_index.bulk = timed_bulk
    last = [0.0]

    def progress(line):
        if time.monotonic() - last[0] > 15 or line.startswith("alias"):
            last[0] = time.monotonic()
            say("  " + line)

    rebuilt = maintenance.rebuild(site, batch=200, say=progress)
    case_index.bulk = original_bulk
    site._p_jar.cacheMinimize()
    alias = case_index.alias_name(engine, site)
    documents = all_documents(raw, alias)
    plain = alias + "-plain"
    engine.delete_index(plain)
    case_index.create_case_index(engine, plain)
    say(f"plain bulk load of the same {len(documents)} documents (pre-built dicts, one stream of 200s) ...")
    started = time.monotonic()
    for ok, item in streaming_bulk(raw, ({"_index": plain, "_id": d["uid"], "_source": d} for d in documents),
                                   chunk_size=200, raise_on_error=True):
        pass
    raw.indices.refresh(index=plain)
    plain_seconds = time.monotonic() - started
    engine.delete_index(plain)
    result["reindex"] = {
        "rebuild": {"docs": rebuilt["cases"], "seconds": round(rebuilt["seconds"], 1),
                    "per_second": round(rebuilt["cases"] / rebuilt["seconds"], 1),
                    "sending_seconds": round(sum(sending), 1)},
        "plain_bulk": {"docs": len(documents), "seconds": round(plain_seconds, 1),
                       "per_second": round(len(documents) / plain_seconds, 1)},
    }
    result["reindex"]["ratio"] = round(result["reindex"]["rebuild"]["per_second"]
                                       / result["reindex"]["plain_bulk"]["per_second"], 3)
    say(f"  rebuild {result['reindex']['rebuild']['per_second']}/s, plain bulk "
        f"{result['reindex']['plain_bulk']['per_second']}/s")
    del documents
    transaction.abort()

    # 2. Staff search at the cached size: raw engine query, staff.search, Plone catalog.
    user = site.acl_users.getUser(USER)
    newSecurityManager(None, user.__of__(site.acl_users))
    asks = questions(raw, alias)
    raw_call, adapter_call = staff_calls(site, engine, raw, alias, asks)
    say(f"search at {cases} cases as {USER}: {len(asks)} questions × {ROUNDS} rounds, three ways ...")
    timings, totals = compare({"raw": raw_call, "adapter": adapter_call, "catalog": catalog_call(site)}, asks)
    result["search"] = {"user": USER, "questions": [
        {"name": a["name"], "q": a["q"], "filters": a["filters"],
         "hits_engine": totals["raw"][i], "hits_adapter": totals["adapter"][i], "hits_catalog": totals["catalog"][i]}
        for i, a in enumerate(asks)], **timings}
    with open(QUERIES_JSON, "w", encoding="utf-8") as f:
        json.dump({"alias": alias, "user": USER, "questions": asks}, f, ensure_ascii=False, default=str)
    transaction.abort()

    # 3. BIG synthetic documents: raw engine query against staff.search.
    if BIG:
        big_engine = SearchEngine(dataclasses.replace(engine.settings, index_prefix=engine.settings.index_prefix + "big"))
        big_alias = case_index.alias_name(big_engine, site)
        big_index = big_alias + "-synthetic"
        for name in case_index.aliased_indices(big_engine, big_alias) + [big_index]:
            big_engine.delete_index(name)
        case_index.create_case_index(big_engine, big_index)
        raw.indices.update_aliases(actions=[{"add": {"index": big_index, "alias": big_alias}}])
        templates = {}
        for hit in raw.search(index=alias, size=2000, sort=[{"uid": "asc"}], _source={"excludes": ["text"]})["hits"]["hits"]:
            templates.setdefault((hit["_source"]["item_code"], hit["_source"]["state"]), hit["_source"])
        say(f"{BIG} synthetic case documents from the demo plan into {big_index} ...")
        started = time.monotonic()
        newSecurityManager(None, acl.getUser("admin").__of__(acl))
        actions = ({"_index": big_index, "_id": d["uid"], "_source": d}
                   for d in synthetic_documents(site, BIG, {k: copy.deepcopy(v) for k, v in templates.items()}))
        loaded = sum(1 for ok, _ in streaming_bulk(raw, actions, chunk_size=1000, raise_on_error=True) if ok)
        raw.indices.refresh(index=big_index)
        load_seconds = time.monotonic() - started
        newSecurityManager(None, user.__of__(site.acl_users))
        big_asks = questions(raw, big_alias)
        raw_call, adapter_call = staff_calls(site, big_engine, raw, big_alias, big_asks)
        say(f"search at {loaded} synthetic documents: {len(big_asks)} questions × {ROUNDS} rounds, raw vs adapter ...")
        timings, totals = compare({"raw": raw_call, "adapter": adapter_call}, big_asks)
        result["big"] = {"documents": loaded, "load_seconds": round(load_seconds, 1), "questions": [
            {"name": a["name"], "hits_engine": totals["raw"][i], "hits_adapter": totals["adapter"][i]}
            for i, a in enumerate(big_asks)], **timings}
        # kept for the REST benchmark (a runwsgi with the prefix "benchbig" searches it); scripts/bench deletes it
        with open(BIG_QUERIES_JSON, "w", encoding="utf-8") as f:
            json.dump({"alias": big_alias, "user": USER, "questions": big_asks}, f, ensure_ascii=False, default=str)
        transaction.abort()

        # 4. The Plone catalog at the same size: every case catalogued BIG / cases times.
        if BIG_CATALOG:
            newSecurityManager(None, acl.getUser("admin").__of__(acl))
            replica = catalog_replica(site, BIG)
            newSecurityManager(None, user.__of__(site.acl_users))
            say(f"search at {len(replica):,} catalog entries as {USER}: {len(asks)} questions × {ROUNDS} rounds, "
                "catalog against raw engine query at the synthetic index ...")
            timings, totals = compare({"raw": raw_call, "catalog": catalog_call(site, replica)}, asks_big_shape(asks, big_asks))
            result["big_catalog"] = {"entries": len(replica), "copies": replica._bench_copies,
                                     "built_seconds": replica._bench_seconds, **timings,
                                     "hits_catalog": totals["catalog"]}
            transaction.abort()
    print("BENCH " + json.dumps(result, ensure_ascii=False))


main(app)  # noqa: F821 - given by zconsole run
