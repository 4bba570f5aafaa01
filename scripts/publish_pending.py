"""Drain the public-disclosure outbox: run by `scripts/publish-pending` through `zconsole run`.

Publications and withdrawals are sent to the public index right after their transaction
commits; when the search node was down they stay in the site's outbox (docs/disclosure.md).
This sends them, oldest first, and commits; exit status 0 when nothing is left, 3 when the
node is still unreachable (the entries stay for the next run).
"""

from AccessControl.SecurityManagement import newSecurityManager
from shaoyang.licensing.scripting import open_site
from shaoyang.licensing.scripting import script_options

import argparse
import sys
import transaction


def main(app, argv):
    from shaoyang.licensing.disclosure.public_index import send_pending

    parser = argparse.ArgumentParser(prog="scripts/publish-pending", description="补发公示库待更新条目")
    parser.add_argument("--site", default="licensing", help="id of the Plone site")
    options = script_options(parser, "publish_pending.py")
    app, site = open_site(app, options.site, lambda m: print(f"[publish-pending] {m}", flush=True))
    if site is None:
        return 1
    user = app.acl_users.getUser("admin")
    if user is not None:
        newSecurityManager(None, user.__of__(app.acl_users))
    outcome = send_pending(site)
    transaction.commit()
    print(f"[publish-pending] 已补发 {outcome['sent']} 条，剩余 {outcome['left']} 条", flush=True)
    if outcome["message"]:
        print(f"[publish-pending] {outcome['message']}", flush=True)
        return 3
    return 0


sys.exit(main(app, sys.argv))  # noqa: F821 - `app` is given by `zconsole run`
