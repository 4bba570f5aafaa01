"""Create the demo site once: run by `scripts/start` through `zconsole run`.

Makes the Zope admin account (demo password) and the Plone site `licensing` with the add-on,
Chinese language, Shanghai time and the demo staff of profiles/city. A site that exists is
reused (running `make start` twice reuses everything); its add-on profile is upgraded first
when the code brings a newer version.
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


def upgrade(site):
    """Bring an existing site's add-on profile to the code's version (its upgrade steps)."""
    from zope.component.hooks import setSite

    setSite(site)
    setup = site.portal_setup
    profile = "shaoyang.licensing:default"
    before = setup.getLastVersionForProfile(profile)
    if setup.listUpgrades(profile):
        setup.upgradeProfile(profile)
        transaction.commit()
        step(f"add-on profile upgraded: {'.'.join(before)} → {'.'.join(setup.getLastVersionForProfile(profile))}")


def main(app):
    app = makerequest(app)
    acl = app.acl_users
    if acl.getUser(ADMIN[0]) is None:
        acl._doAddUser(ADMIN[0], ADMIN[1], ["Manager"], [])
        step(f"Zope admin account {ADMIN[0]} created")
    newSecurityManager(None, acl.getUser(ADMIN[0]).__of__(acl))
    if SITE_ID in app.objectIds():
        step(f"site /{SITE_ID} exists; reusing it")
        upgrade(app[SITE_ID])
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
