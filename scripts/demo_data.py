"""Fill the demo site with realistic cases: run by `scripts/demo-data` through `zconsole run`.

    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/demo_data.py --count 100 --seed 2026

The plan is a pure function of the seed (shaoyang.licensing.demo), so a second run with the
same count finds the cases there and does nothing, and an interrupted run files only the rest.
Each case is taken through the case workflow (workflows/case_workflow.yaml) to the state of
its stage, as the Zope admin: every role guard passes, the data preconditions still apply.
Progress goes to stdout; Zope's own logging goes to stderr.
"""

from AccessControl.SecurityManagement import newSecurityManager
from shaoyang.licensing.scripting import open_site
from shaoyang.licensing.scripting import script_options

import argparse
import os
import sys
import time
import transaction


SITE_ID = "licensing"
ADMIN = "admin"


def say(message):
    print(f"[demo-data] {message}", flush=True)


def arguments():
    # zconsole leaves its own arguments in sys.argv: ours follow the script's path.
    parser = argparse.ArgumentParser(prog="scripts/demo-data", description="演示数据：生成案件")
    parser.add_argument("--count", type=int, default=100, help="total number of case files wanted")
    parser.add_argument("--seed", default="2026", help="seed of the plan (same seed, same cases)")
    parser.add_argument("--commit-every", type=int, default=50, help="cases per transaction")
    parser.add_argument("--site", default=SITE_ID, help="id of the Plone site")
    return script_options(parser, "demo_data.py")


def main(app, options):
    # The search worker waits for the end (drain_site below): a background drain would write
    # the outbox while this one long-running script files, and a script has no retry for
    # a conflicting commit, as a web request has.
    os.environ["SHAOYANG_SEARCH_DRAIN"] = "off"
    from shaoyang.licensing.case.repository import REPOSITORY_ID
    from shaoyang.licensing.demo.cases import catalogue_items
    from shaoyang.licensing.demo.filing import file_cases
    from shaoyang.licensing.demo.cases import plan_cases
    from shaoyang.licensing.demo.filing import printing_progress

    app, site = open_site(app, options.site, say)
    if site is None:
        return 1
    missing = [name for name in (REPOSITORY_ID, "catalogue") if name not in site.objectIds()]
    if missing:
        say(
            f"site /{options.site} has no {' / '.join(missing)}: it was made by an older version "
            "of the add-on; move var/filestorage aside and run scripts/create_site.py again"
        )
        return 1
    acl = app.acl_users
    user = acl.getUser(ADMIN)
    if user is None:
        say(f"no Zope user {ADMIN} (scripts/create_site.py makes it with a new site)")
        return 1
    newSecurityManager(None, user.__of__(acl))

    existing = site[REPOSITORY_ID].objectCount()
    if existing >= options.count:
        say(f"{existing} case files already there (wanted {options.count}); no cases to file")
        return publish(site)
    started = time.monotonic()
    items = catalogue_items(site)
    specs = plan_cases(items, options.count, options.seed)[existing:]
    say(
        f"filing {len(specs)} cases (seed {options.seed}, {len(items)} items"
        + (f", {existing} already there" if existing else "")
        + ") ..."
    )
    progress = printing_progress(lambda line: say(line), offset=existing, grand_total=options.count)
    summary = file_cases(site, specs, progress=progress, commit_every=options.commit_every, user=ADMIN)
    transaction.commit()
    seconds = time.monotonic() - started
    stages = "、".join(f"{stage} {n}" for stage, n in summary["stages"].items())
    records = "、".join(f"{name} {n}" for name, n in sorted(summary["records"].items()))
    states = "、".join(f"{state} {n}" for state, n in summary["states"].items())
    transitions = "、".join(f"{name} {n}" for name, n in summary["transitions"].items())
    say(f"stages: {stages}")
    say(f"workflow states: {states}")
    say(f"transitions: {transitions}")
    say(f"records: {records}")
    say(f"demo data: {summary['cases']} cases in {seconds:.1f} s ({summary['rate']:.1f} cases/s)")
    return publish(site)


def publish(site):
    """The disclosure officer publishes the demo decisions; then both indexes are sent."""
    from shaoyang.licensing.case.classification import SECRET_LEVELS
    from shaoyang.licensing.demo.disclosure import publish_decisions
    from shaoyang.licensing.disclosure.public_index import pending
    from shaoyang.licensing.search.engine import SearchUnavailable
    from shaoyang.licensing.search.maintenance import drain_site

    published = publish_decisions(site, say=lambda line: say(f"public disclosure: {line}"))
    transaction.get().note("demo data: decisions reviewed and published")
    transaction.commit()  # the public index gets them now, in one request
    left = len(pending(site))
    say(f"public disclosure: {published} decisions published"
        + (f", {left} waiting for the search node (scripts/publish-pending)" if left else ""))
    example = next((c for c in site["cases"].objectValues() if getattr(c, "query_code", None)
                    and getattr(c, "classification", None) not in SECRET_LEVELS), None)
    if example is not None:
        say(f"办件查询 (@@case-progress) example: {example.receipt_number}, query code {example.query_code}")
    # This process ends now: send its search outbox instead of leaving it to the next commit.
    try:
        drain_site(site, say=lambda line: say(f"search index: {line}"))
    except SearchUnavailable as error:
        say(f"search index not updated now ({error}); the site sends it on its next change")
    return 0


sys.exit(main(app, arguments()))  # noqa: F821 - `app` is given by `zconsole run`
