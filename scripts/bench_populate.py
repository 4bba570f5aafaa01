"""Benchmark database: a Plone site `bench` filled with N demo cases, cached under var/bench-<N>.

Run by `scripts/bench` through `zconsole run` on var/bench-<N>/zope.conf:

    .venv/bin/zconsole run var/bench-10k/zope.conf scripts/bench_populate.py 10000

Files the cases as scripts/demo_data.py does (the seeded plan of shaoyang.licensing.demo, every
record validated, every workflow step taken), committing every 50, printing progress. The plan
is a pure function of the seed, so a run that finds k cases files only the rest: an interrupted
population resumes, a complete one returns at once. Nothing is sent to the search node here
(the outbox fills; the benchmark builds the index with the full rebuild it measures).
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import json
import os
import sys
import time
import transaction


SITE_ID = os.environ.get("BENCH_SITE", "bench")
SEED = "bench"
PROFILES = [
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "shaoyang.licensing:default",
    "shaoyang.licensing:demo",
]
COUNT = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 10000


def say(message):
    print(f"[bench] {message}", flush=True)


def main(app):
    os.environ["SHAOYANG_SEARCH_DRAIN"] = "off"  # the rebuild is what the benchmark measures
    from shaoyang.licensing.case.repository import REPOSITORY_ID
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.filing import file_cases
    from shaoyang.licensing.demo.cases import plan_cases
    from shaoyang.licensing.demo.filing import printing_progress

    app = makerequest(app)
    setRequest(app.REQUEST)
    acl = app.acl_users
    if acl.getUser("admin") is None:
        acl._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, acl.getUser("admin").__of__(acl))
    if SITE_ID not in app.objectIds():
        say(f"creating site /{SITE_ID} ...")
        addPloneSite(app, SITE_ID, title="bench", extension_ids=PROFILES,
                     default_language="zh-cn", portal_timezone="Asia/Shanghai")
        transaction.commit()
    site = app[SITE_ID]
    setSite(site)
    existing = site[REPOSITORY_ID].objectCount()
    if existing >= COUNT:
        say(f"cached: {existing} cases in the bench database (wanted {COUNT})")
        print("BENCH " + str(existing))
        return
    items = catalogue_items(site)
    specs = plan_cases(items, COUNT, SEED)[existing:]
    say(f"populating: filing {len(specs)} demo cases ({existing} already there) — about 2 cases/s on 2 cores ...")
    started = time.monotonic()
    progress = printing_progress(say, every=250, seconds=30, offset=existing, grand_total=COUNT)
    file_cases(site, specs, progress=progress, commit_every=50, user="admin")
    transaction.commit()
    seconds = time.monotonic() - started
    say(f"populated {len(specs)} cases in {seconds:.0f} s")
    # scripts/bench reports the filing rate of the cache (what 100,000 real cases would cost)
    with open(os.path.join(os.environ.get("BENCH_CACHE", "var/bench-10k"), "population.json"), "w") as f:
        json.dump({"filed": len(specs), "seconds": round(seconds), "date": time.strftime("%Y-%m-%d")}, f)
    print("BENCH " + str(site[REPOSITORY_ID].objectCount()))


main(app)  # noqa: F821 - given by zconsole run
