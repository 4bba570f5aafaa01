"""Create the demo site once: run by `scripts/start` through `zconsole run`.

Makes the Zope admin account (demo password) and the Plone site `licensing` with the add-on,
Chinese language, Shanghai time and the demo staff of profiles/city. A site that exists is
left as it is, so running `make start` twice reuses everything.
"""

from AccessControl.SecurityManagement import newSecurityManager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest

import sys
import time
import transaction


SITE_ID = "licensing"
SITE_TITLE = "邵阳市行政许可档案管理系统"
ADMIN = ("admin", "admin")
PROFILES = [
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "shaoyang.licensing:default",
    "shaoyang.licensing:demo",
]


def step(message):
    print(f"[create-site] {message}", flush=True)


def main(app):
    app = makerequest(app)
    acl = app.acl_users
    if acl.getUser(ADMIN[0]) is None:
        acl._doAddUser(ADMIN[0], ADMIN[1], ["Manager"], [])
        step(f"Zope admin account {ADMIN[0]} created")
    newSecurityManager(None, acl.getUser(ADMIN[0]).__of__(acl))
    if SITE_ID in app.objectIds():
        step(f"site /{SITE_ID} exists; reusing it")
        return
    started = time.monotonic()
    step(f"creating site /{SITE_ID} ({SITE_TITLE}) with {len(PROFILES)} profiles ...")
    addPloneSite(
        app,
        SITE_ID,
        title=SITE_TITLE,
        extension_ids=PROFILES,
        default_language="zh-cn",
        portal_timezone="Asia/Shanghai",
    )
    transaction.commit()
    step(f"site created in {time.monotonic() - started:.1f} s")


main(app)  # noqa: F821 - `app` is given by `zconsole run`
sys.exit(0)
