"""REST of notices: ``POST <notice>/@correct`` (a new version with its reason; the old one stays)."""

from shaoyang.licensing.notices.generate import correct
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service


def summary(notice):
    return {
        "@id": notice.absolute_url(),
        "id": notice.getId(),
        "title": notice.title,
        "notice_kind": notice.notice_kind,
        "notice_number": notice.notice_number,
        "notice_date": notice.notice_date.isoformat() if notice.notice_date else None,
        "version": notice.version,
        "correction_reason": notice.correction_reason,
        "supersedes": notice.supersedes,
        "superseded_by": notice.superseded_by,
        "download": f"{notice.absolute_url()}/@@download/file",
    }


class CorrectPost(Service):
    """POST <notice>/@correct {"reason": "..."} → 201 with the new version; the old one stays."""

    def reply(self):
        self.trust_json_client()
        reason = self.body().get("reason")
        try:
            new = correct(self.context, reason)
        except ValueError as error:
            raise Refusal(400, str(error))
        self.request.response.setStatus(201)
        return {**summary(new), "previous": summary(self.context)}
