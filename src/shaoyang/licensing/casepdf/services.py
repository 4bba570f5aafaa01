"""The case PDF over the web.

- ``@@case-pdf`` (browser view): download, not stored.
- ``GET <case>/@case-pdf`` (REST): the PDF bytes (``application/pdf``), not stored.
- ``POST <case>/@case-pdf`` (REST): produce and store it in the case as an Attachment 案卷PDF;
  answers 201 with the attachment's URL, pages, digests and the verification.

All need ``shaoyang.licensing: Produce archive PDF`` (Manager, Site Administrator, Archivist)
*and* View on the case (a secret case is closed to archivists not named on it). Every
production is journaled (action ``document``). A PDF failing its read-back check is refused:
500 with the verification, nothing returned or stored.
"""

from AccessControl import getSecurityManager
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from shaoyang.licensing import _
from shaoyang.licensing.casepdf import produce
from shaoyang.licensing.casepdf.assemble import CasePdfError
from urllib.parse import quote
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import alsoProvides


def _check_view(case):
    if not getSecurityManager().checkPermission("View", case):
        raise Unauthorized("View")


def _send_pdf(request, case, produced):
    response = request.response
    name = produce.filename(case)
    response.setHeader("Content-Type", "application/pdf")
    response.setHeader("Content-Length", str(len(produced.data)))
    response.setHeader("Content-Disposition",
                       f"attachment; filename=\"case-{case.receipt_number}.pdf\"; filename*=UTF-8''{quote(name)}")
    response.setHeader("X-Case-PDF-Pages", str(produced.pages))
    response.setHeader("X-Case-PDF-SHA256", produced.sha256)
    return produced.data


def _refusal(request, error):
    request.response.setStatus(500)
    message = translate(_("error_case_pdf_failed", default="案卷PDF校验未通过，未提供也未保存"),
                        context=request)
    return {"error": {"type": "CasePdfVerificationFailed", "message": f"{message}：{error}",
                      "verification": error.verification}}


class CasePdfView(BrowserView):
    """@@case-pdf: the case file as one PDF, to download."""

    def __call__(self):
        _check_view(self.context)
        alsoProvides(self.request, IDisableCSRFProtection)  # the journal entry is a write on GET
        try:
            produced = produce.produce(self.context)
        except CasePdfError as error:
            self.request.response.setStatus(500)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return str(error)
        produce.record(self.context, produced)
        return _send_pdf(self.request, self.context, produced)


class CasePdfGet(Service):
    """GET <case>/@case-pdf: the PDF bytes."""

    def render(self):
        self.check_permission()
        _check_view(self.context)
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            produced = produce.produce(self.context)
        except CasePdfError as error:
            import json

            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(_refusal(self.request, error), ensure_ascii=False)
        produce.record(self.context, produced)
        return _send_pdf(self.request, self.context, produced)


class CasePdfPost(Service):
    """POST <case>/@case-pdf: produce and store as an Attachment 案卷PDF."""

    def reply(self):
        _check_view(self.context)
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            produced = produce.produce(self.context)
        except CasePdfError as error:
            return _refusal(self.request, error)
        attachment = produce.store(self.context, produced)
        produce.record(self.context, produced, "/".join(attachment.getPhysicalPath()))
        self.request.response.setStatus(201)
        return {
            "@id": attachment.absolute_url(),
            "id": attachment.getId(),
            "title": attachment.title,
            "pages": produced.pages,
            "documents": len(produced.rows),
            "sha256": produced.sha256,
            "sm3": produced.sm3,
            "seconds": produced.seconds,
            "catalogue": produced.rows,
            "verification": produced.verification,
        }
