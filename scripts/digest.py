"""The daily time-limit digest: run by `scripts/digest` through `zconsole run`.

Counts every case as the site's administrator, mails each handler, approver and supervisor
their overdue and due-soon cases (shaoyang.licensing.supervision.digest) and prints who got a
mail and who was skipped. ``--url`` gives the address the links in the mail start with. Exit status 0, or 2 when the site has no sender address.
"""

from AccessControl.SecurityManagement import newSecurityManager
from shaoyang.licensing.scripting import open_site
from shaoyang.licensing.scripting import script_options

import argparse
import datetime
import sys
import urllib.parse


def main(app, argv):
    from shaoyang.licensing.supervision.digest import send_digests

    parser = argparse.ArgumentParser(prog="scripts/digest", description="发送行政许可时限提醒邮件")
    parser.add_argument("--site", default="licensing", help="id of the Plone site")
    parser.add_argument("--date", type=datetime.date.fromisoformat, default=None, help="统计日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("--dry-run", action="store_true", help="只打印邮件，不发送")
    parser.add_argument("--url", default=None, help="站点对外地址（邮件中案卷链接的前缀），如 https://xzsp.shaoyang.gov.cn")
    options = script_options(parser, "digest.py")
    app, site = open_site(app, options.site, lambda m: print(f"[digest] {m}", flush=True))
    if site is None:
        return 1
    if options.url:
        # the links in the mail: without this a script's request says http://nohost
        parts = urllib.parse.urlsplit(options.url)
        app.REQUEST.setServerURL(protocol=parts.scheme, hostname=parts.hostname, port=parts.port)
    user = app.acl_users.getUser("admin")
    if user is not None:
        newSecurityManager(None, user.__of__(app.acl_users))
    try:
        outcome = send_digests(options.date, dry_run=options.dry_run)
    except ValueError as error:
        print(f"[digest] {error}", flush=True)
        return 2
    if options.dry_run:
        for message in outcome["messages"]:
            print(f"--- {message['to']}\n{message['subject']}\n\n{message['body']}\n", flush=True)
    print(f"[digest] 已发送 {len(outcome['sent'])} 封" + ("（试运行，未发送）" if options.dry_run else ""), flush=True)
    for userid, reason in sorted(outcome["skipped"].items()):
        print(f"[digest] 未发送给 {userid}：{reason}", flush=True)
    return 0


sys.exit(main(app, sys.argv))  # noqa: F821 - `app` is given by `zconsole run`
