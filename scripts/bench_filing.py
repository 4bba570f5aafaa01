"""Benchmark: filing case files (numbering, item-version pinning, events) against plain Folders.

Run by `scripts/bench` through `zconsole run` on a throwaway FileStorage under var/bench, so
the demo site is never touched. Prints one JSON line with the measurements.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import json
import os
import sys
import time
import transaction

# zconsole runs this file without putting scripts/ on the path; scripts/bench runs from the root.
sys.path.insert(0, os.path.join(os.getcwd(), "scripts"))
from bench_stats import percentiles  # noqa: E402


COUNT = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 200
PROFILES = ["plone.app.contenttypes:default", "shaoyang.licensing:default"]


def timed(create, count, batch=20):
    """Per-object seconds, committing every ``batch`` objects as a filing desk would."""
    samples = []
    for n in range(count):
        started = time.perf_counter()
        create(n)
        if n % batch == batch - 1:
            transaction.commit()
        samples.append(time.perf_counter() - started)
    transaction.commit()
    return samples


def summary(samples):
    return {
        "count": len(samples),
        "per_second": round(len(samples) / sum(samples), 1),
        **percentiles(samples),
    }


def main(app):
    app = makerequest(app)
    acl = app.acl_users
    if "admin" not in acl.getUserNames():
        acl._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, acl.getUser("admin").__of__(acl))
    if "bench" in app.objectIds():
        app.manage_delObjects(["bench"])
    site = addPloneSite(app, "bench", extension_ids=PROFILES, default_language="zh-cn",
                        portal_timezone="Asia/Shanghai")
    transaction.commit()
    setSite(site)
    code = next(iter(api.content.find(portal_type="LicensingItem", review_state="effective"))).getObject().item_code
    folder = api.content.create(container=site, type="Folder", id="plain", title="plain")
    # Folder, not Document: a Document is also versioned by CMFEditions on creation.
    baseline = timed(lambda n: createContentInContainer(folder, "Folder", title=f"文件夹{n}"), COUNT)
    cases = site["cases"]
    # As the add form and REST do: the name chooser asks the case for its receipt number.
    filing = timed(lambda n: createContentInContainer(cases, "CaseFile", item_code=code), COUNT)
    result = {"baseline_folder": summary(baseline), "case_filing": summary(filing)}
    result["ratio_p50"] = round(result["case_filing"]["p50_ms"] / result["baseline_folder"]["p50_ms"], 2)
    print("BENCH " + json.dumps(result, ensure_ascii=False))


main(app)  # noqa: F821 - given by zconsole run
