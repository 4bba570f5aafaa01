"""Test layers: a Plone site with the add-on and its demo staff, integration and functional.

The functional layer serves the site over a real WSGI server (``ZSERVER_HOST``/``ZSERVER_PORT``
from plone.testing) so REST and browser tests talk HTTP to it.
"""

from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGIServer
from webtest.http import StopableWSGIServer
from ZPublisher.HTTPRequest import HTTPRequest

import os
import plone.app.contenttypes
import plone.restapi
import shaoyang.licensing


# Compile the zh_CN catalogs when Zope registers them (also done by `make mo`).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

SITE_LANGUAGE = "zh-cn"
MAX_CONFLICT_RETRIES = 10
SITE_TIMEZONE = "Asia/Shanghai"


class LicensingLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=plone.app.contenttypes)
        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=shaoyang.licensing)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "plone.app.contenttypes:default")
        applyProfile(portal, "shaoyang.licensing:default")
        applyProfile(portal, "shaoyang.licensing:demo")
        portal.setLanguage(SITE_LANGUAGE)
        api.portal.set_registry_record("plone.default_language", SITE_LANGUAGE)
        api.portal.set_registry_record("plone.available_languages", [SITE_LANGUAGE])
        api.portal.set_registry_record("plone.portal_timezone", SITE_TIMEZONE)


class ThreadedWSGIServer(WSGIServer):
    """plone.testing's WSGI server with several worker threads, as production runs it, so
    concurrent requests really run at once (and ZODB conflicts really happen)."""

    threads = 4

    def setUpServer(self):
        app = self.make_wsgi_app()
        # As in production (scripts/make-instance): contended counters need more than 3 tries.
        HTTPRequest.retry_max_count = MAX_CONFLICT_RETRIES
        self.server = StopableWSGIServer.create(
            app, threads=self.threads, clear_untrusted_proxy_headers=False
        )
        self.server.effective_host = "localhost"
        self["host"] = self.host = self.server.effective_host
        self["port"] = self.port = int(self.server.effective_port)


THREADED_WSGI_SERVER_FIXTURE = ThreadedWSGIServer(name="ShaoyangLicensing:ThreadedWSGIServer")

FIXTURE = LicensingLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="ShaoyangLicensingLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, THREADED_WSGI_SERVER_FIXTURE), name="ShaoyangLicensingLayer:FunctionalTesting"
)
