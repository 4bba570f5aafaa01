"""The daily run: `scripts/daily` through `zconsole run` (shaoyang.licensing.case.daily).

Re-indexes the security of cases whose substitution periods began or ended and the clocks of
running cases whose statuses changed, printing progress, then sends the search outbox so the
index follows at once (a node that is down gets it later, from the outbox). Exit status 0,
or 3 when the search node could not be reached (the catalog is current all the same).
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system as system_user
from shaoyang.licensing.scripting import open_site
from shaoyang.licensing.scripting import script_options

import argparse
import datetime
import os
import sys


def say(message):
    print(f"[daily] {message}", flush=True)


def main(app):
    os.environ.setdefault("SHAOYANG_SEARCH_DRAIN", "off")  # sent below, in this process
    from shaoyang.licensing.case.daily import refresh
    from shaoyang.licensing.search.engine import SearchUnavailable
    from shaoyang.licensing.search.maintenance import drain_site

    parser = argparse.ArgumentParser(prog="scripts/daily", description="每日更新：顶岗补位期限与时限状态")
    parser.add_argument("--site", default="licensing", help="id of the Plone site")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=None,
                        help="按此日期计算时限状态（默认今天），如 2026-12-01")
    options = script_options(parser, "daily.py")
    app, site = open_site(app, options.site, say)
    if site is None:
        return 1
    newSecurityManager(None, system_user)
    refresh(site, today=options.date, say=say)
    try:
        drain_site(site, say=lambda line: say("search: " + line))
    except SearchUnavailable as error:
        say(f"search: {error}")
        return 3
    return 0


sys.exit(main(app))  # noqa: F821 - `app` is given by `zconsole run`
