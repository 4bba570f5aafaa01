"""Search maintenance through `zconsole run`: scripts/reindex, scripts/reconcile, scripts/drain.

    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py reindex
    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py reconcile [--fix]
    .venv/bin/zconsole run var/instance/etc/zope.conf scripts/search_command.py drain
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system as system_user
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import argparse
import os
import sys


def say(message):
    print(f"[search] {message}", flush=True)


def arguments():
    argv = sys.argv
    mine = next((n for n, a in enumerate(argv) if a.endswith("search_command.py")), len(argv) - 1)
    parser = argparse.ArgumentParser(prog="scripts/search_command.py", description="检索索引维护")
    parser.add_argument("command", choices=("reindex", "reconcile", "drain"))
    parser.add_argument("--fix", action="store_true", help="reconcile: queue and send what differs")
    parser.add_argument("--site", default="licensing", help="id of the Plone site")
    parser.add_argument("--batch", type=int, default=200, help="reindex: cases per bulk request")
    return parser.parse_args(argv[mine + 1:])


def main(app, options):
    # The command sends itself; the after-commit worker thread is not needed here.
    os.environ.setdefault("SHAOYANG_SEARCH_DRAIN", "off")
    from shaoyang.licensing.search import maintenance
    from shaoyang.licensing.search.engine import SearchUnavailable

    app = makerequest(app)
    setRequest(app.REQUEST)
    if options.site not in app.objectIds():
        say(f"no site /{options.site}")
        return 1
    site = app[options.site]
    setSite(site)
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
