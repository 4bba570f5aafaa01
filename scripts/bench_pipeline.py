"""Benchmark: time from commit to searchable, through the outbox and the worker thread.

Run by `scripts/bench` through `zconsole run` on the throwaway FileStorage under var/bench:
makes a site `pipeline` (add-on + demo profile), then files demo cases one transaction each
(the seeded plan: case, records, workflow steps), and after each commit polls the staff index
(the pipeline's own alias, search/index.py) with a search until the case is found.

Baseline, in the same loop: the very document the worker sent, written again by the raw client
with one `index` call into an index with the same mapping and settings, then polled the same
way until it is found. (Not `refresh=wait_for`: its time depends on whether the shard went
search-idle, which made the baseline jump between 60 ms and 1 s from one run to the next.)

Prints one JSON line with the measurements.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.uuid.interfaces import IUUID
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import json
import os
import random
import sys
import time
import transaction

# zconsole runs this file without putting scripts/ on the path; scripts/bench runs from the root.
sys.path.insert(0, os.path.join(os.getcwd(), "scripts"))
from bench_stats import percentiles  # noqa: E402


COUNT = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 30
WARMUP = 2
POLL_SECONDS = 0.005
TIMEOUT = 30.0
PROFILES = ["plone.app.contenttypes:default", "shaoyang.licensing:default", "shaoyang.licensing:demo"]


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def summary(samples):
    return {"count": len(samples), **percentiles(samples, digits=1), "max_ms": round(max(samples) * 1000, 1)}


def main(app):
    os.environ["SHAOYANG_SEARCH_DRAIN"] = "thread"  # the real pipeline: after-commit worker thread
    from elasticsearch import Elasticsearch
    from plone import api
    from shaoyang.licensing.case.repository import REPOSITORY_ID
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.filing import file_case
    from shaoyang.licensing.demo.cases import plan_cases
    from shaoyang.licensing.search import index as case_index
    from shaoyang.licensing.search import worker
    from shaoyang.licensing.search.engine import SearchEngine

    app = makerequest(app)
    setRequest(app.REQUEST)
    acl = app.acl_users
    if acl.getUser("admin") is None:
        acl._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, acl.getUser("admin").__of__(acl))
    if "pipeline" in app.objectIds():
        app.manage_delObjects(["pipeline"])
    site = addPloneSite(app, "pipeline", extension_ids=PROFILES, default_language="zh-cn",
                        portal_timezone="Asia/Shanghai")
    transaction.commit()
    setSite(site)

    engine = SearchEngine()
    alias = case_index.alias_name(engine, site)
    for name in case_index.aliased_indices(engine, alias):  # a left-over of an earlier run
        engine.delete_index(name)
    raw = Elasticsearch(engine.settings.url, request_timeout=60)
    baseline_index = alias + "-baseline"
    engine.delete_index(baseline_index)
    case_index.create_case_index(engine, baseline_index)

    # When the worker's bulk request went out (to split commit → sent → searchable).
    sent_at = {}
    original_bulk = case_index.bulk

    def timed_bulk(engine_, index, operations, refresh=False):
        started = time.perf_counter()
        outcome = original_bulk(engine_, index, operations, refresh=refresh)
        for uid, _v, _d in operations:
            sent_at.setdefault(uid, (started, time.perf_counter()))
        return outcome

    case_index.bulk = timed_bulk

    specs = plan_cases(catalogue_items(site), COUNT + WARMUP, "bench-pipeline")
    repository = site[REPOSITORY_ID]
    commit_s, to_searchable, to_sent, baseline = [], [], [], []
    phase = random.Random(2026)
    cache = {}
    say(f"commit → searchable: {COUNT} cases (+{WARMUP} warm-up), one transaction each ...")
    for n, spec in enumerate(specs):
        with api.env.adopt_user(username="admin"):
            case = file_case(repository, spec, cache=cache)
        uid = IUUID(case)
        started = time.perf_counter()
        transaction.commit()
        committed = time.perf_counter()
        deadline = committed + TIMEOUT
        while True:
            found = raw.search(index=alias, query={"ids": {"values": [uid]}}, size=0,
                               ignore_unavailable=True, allow_no_indices=True)
            if found["hits"]["total"]["value"]:
                visible = time.perf_counter()
                break
            if time.perf_counter() > deadline:
                raise SystemExit(f"case {uid} not searchable after {TIMEOUT} s")
            time.sleep(POLL_SECONDS)
        worker.wait_idle(30)
        # Baseline: the same document, one raw index call, polled as the pipeline is. Written
        # at a random moment of the refresh cycle, as commits are: right after the pipeline's
        # case became visible would always be just after a refresh (the shards refresh in step).
        document = raw.get(index=alias, id=uid)["_source"]
        time.sleep(phase.uniform(0, 1))
        b_started = time.perf_counter()
        raw.index(index=baseline_index, id=uid, document=document)
        while not raw.search(index=baseline_index, query={"ids": {"values": [uid]}}, size=0)["hits"]["total"]["value"]:
            if time.perf_counter() > b_started + TIMEOUT:
                raise SystemExit(f"baseline {uid} not searchable after {TIMEOUT} s")
            time.sleep(POLL_SECONDS)
        b_done = time.perf_counter()
        if n < WARMUP:
            continue
        commit_s.append(committed - started)
        to_searchable.append(visible - committed)
        if uid in sent_at:
            to_sent.append(sent_at[uid][1] - committed)
        baseline.append(b_done - b_started)
        if (n - WARMUP + 1) % 10 == 0:
            say(f"  {n - WARMUP + 1}/{COUNT}")
    case_index.bulk = original_bulk

    settings = raw.indices.get_settings(index=baseline_index, include_defaults=True)
    interval = next(iter(settings.values()))
    interval = (interval["settings"]["index"].get("refresh_interval")
                or interval["defaults"]["index"].get("refresh_interval"))
    for name in case_index.aliased_indices(engine, alias):
        engine.delete_index(name)
    engine.delete_index(baseline_index)
    result = {
        "cases": COUNT,
        "refresh_interval": interval,
        "commit": summary(commit_s),
        "pipeline": summary(to_searchable),
        "worker_sent": summary(to_sent) if to_sent else None,
        "baseline": summary(baseline),
    }
    result["ratio_p50"] = round(result["pipeline"]["p50_ms"] / result["baseline"]["p50_ms"], 2)
    result["ratio_p95"] = round(result["pipeline"]["p95_ms"] / result["baseline"]["p95_ms"], 2)
    print("BENCH " + json.dumps(result, ensure_ascii=False))


main(app)  # noqa: F821 - given by zconsole run
