"""The case PDF over REST (the page ``@@case-pdf`` is casepdf/views.py).

- ``GET <case>/@case-pdf`` (REST): the PDF bytes (``application/pdf``), not stored.
- ``POST <case>/@case-pdf`` (REST): produce and store it in the case as an Attachment 案卷PDF;
  answers 201 with the attachment's URL, pages, digests and the verification.

All need ``shaoyang.licensing: Produce archive PDF`` (Manager, Site Administrator, Archivist)
*and* View on the case (a secret case is closed to archivists not named on it). Every
production is journaled (action ``document``). A PDF failing its read-back check is refused:
500 with the verification, nothing returned or stored.
"""

from shaoyang.licensing import _
from shaoyang.licensing.casepdf import produce
from shaoyang.licensing.casepdf.assemble import CasePdfError
from shaoyang.licensing.casepdf.views import check_view
from shaoyang.licensing.casepdf.views import send_pdf
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service
from zope.i18n import translate


def _refusal(request, error):
    message = translate(_("error_case_pdf_failed", default="案卷PDF校验未通过，未提供也未保存"),
                        context=request)
    return Refusal(500, f"{message}：{error}", verification=error.verification)


class CasePdfGet(Service):
    """GET <case>/@case-pdf: the PDF bytes."""

    def render(self):
        try:
            self.check_permission()
            check_view(self.context)
            self.trust_json_client()  # the journal entry is a write on GET
            try:
                produced = produce.produce(self.context)
            except CasePdfError as error:
                raise _refusal(self.request, error)
            produce.record(self.context, produced)
            return send_pdf(self.request, self.context, produced)
        except Refusal as refusal:
            return self.refuse(refusal)


class CasePdfPost(Service):
    """POST <case>/@case-pdf: produce and store as an Attachment 案卷PDF."""

    def reply(self):
        check_view(self.context)
        self.trust_json_client()
        try:
            produced = produce.produce(self.context)
        except CasePdfError as error:
            raise _refusal(self.request, error)
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
