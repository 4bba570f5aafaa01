"""What every ``zconsole run`` script of ``scripts/`` does first: its arguments, then the site.

zconsole leaves its own arguments in ``sys.argv``; a script's own follow its path. The site
needs a request, the request and site hooks, before plone.api and the registry work.
"""

from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import sys


def script_options(parser, script_file):
    """``parser.parse_args`` over the arguments after ``script_file``'s path in ``sys.argv``."""
    argv = sys.argv
    mine = next((n for n, a in enumerate(argv) if a.endswith(script_file)), len(argv) - 1)
    return parser.parse_args(argv[mine + 1 :])


def open_site(app, site_id, say):
    """``(app, site)`` with a request and the hooks set; ``(app, None)`` and a message when the
    site does not exist."""
    app = makerequest(app)
    setRequest(app.REQUEST)
    if site_id not in app.objectIds():
        say(f"no site /{site_id}: run scripts/create_site.py first")
        return app, None
    site = app[site_id]
    setSite(site)
    return app, site
