"""``@@case-pdf``: the case file as one PDF, to download (not stored; journaled)."""

from AccessControl import getSecurityManager
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from shaoyang.licensing.casepdf import produce
from shaoyang.licensing.casepdf.assemble import CasePdfError
from urllib.parse import quote
from zExceptions import Unauthorized
from zope.interface import alsoProvides


def check_view(case):
    """Zope's own refusal (401/403) unless the user may view the case: the production
    permission is held site-wide, the case may be secret."""
    if not getSecurityManager().checkPermission("View", case):
        raise Unauthorized("View")


def send_pdf(request, case, produced):
    response = request.response
    name = produce.filename(case)
    response.setHeader("Content-Type", "application/pdf")
    response.setHeader("Content-Length", str(len(produced.data)))
    response.setHeader("Content-Disposition",
                       f"attachment; filename=\"case-{case.receipt_number}.pdf\"; filename*=UTF-8''{quote(name)}")
    response.setHeader("X-Case-PDF-Pages", str(produced.pages))
    response.setHeader("X-Case-PDF-SHA256", produced.sha256)
    return produced.data


class CasePdfView(BrowserView):
    """@@case-pdf: the case file as one PDF, to download."""

    def __call__(self):
        check_view(self.context)
        alsoProvides(self.request, IDisableCSRFProtection)  # the journal entry is a write on GET
        try:
            produced = produce.produce(self.context)
        except CasePdfError as error:
            self.request.response.setStatus(500)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return str(error)
        produce.record(self.context, produced)
        return send_pdf(self.request, self.context, produced)
