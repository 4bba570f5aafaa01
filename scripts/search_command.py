"""Search maintenance through `zconsole run`: scripts/reindex, scripts/reconcile, scripts/drain.

    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py reindex
    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py reconcile [--fix]
    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py drain
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system as system_user
from shaoyang.licensing.scripting import open_site
from shaoyang.licensing.scripting import script_options

import argparse
import os
import sys


def say(message):
    print(f"[search] {message}", flush=True)


def arguments():
    parser = argparse.ArgumentParser(prog="scripts/search_command.py", description="检索索引维护")
    parser.add_argument("command", choices=("reindex", "reconcile", "drain"))
    parser.add_argument("--fix", action="store_true", help="reconcile: queue and send what differs")
    parser.add_argument("--site", default="licensing", help="id of the Plone site")
    parser.add_argument("--batch", type=int, default=200, help="reindex: cases per bulk request")
    return script_options(parser, "search_command.py")


def main(app, options):
    # The command sends itself; the after-commit worker thread is not needed here.
    os.environ.setdefault("SHAOYANG_SEARCH_DRAIN", "off")
    from shaoyang.licensing.search import maintenance
    from shaoyang.licensing.search.engine import SearchUnavailable

    app, site = open_site(app, options.site, say)
    if site is None:
        return 1
    newSecurityManager(None, system_user)
    try:
        if options.command == "reindex":
            maintenance.rebuild(site, batch=options.batch, say=say)
        elif options.command == "reconcile":
            report = maintenance.reconcile(site, fix=options.fix, say=say)
            if not options.fix and any(report[k] for k in ("missing", "extra", "stale")):
                return 2
        else:
            maintenance.drain_site(site, say=say)
    except SearchUnavailable as error:
        say(str(error))
        return 3
    return 0


sys.exit(main(app, arguments()))  # noqa: F821 - `app` is given by `zconsole run`
