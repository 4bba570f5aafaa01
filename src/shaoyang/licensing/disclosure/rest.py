"""REST of public disclosure.

On a decision (``shaoyang.licensing: Publish decisions``, disclosure officers and managers):
``POST @confidentiality-review`` ``{"result": "pass"|"fail", "note", "date"}``,
``POST @publish`` (publish, or re-publish a corrected decision after a new review),
``POST @withdraw-publication`` ``{"reason"}``; ``GET @publication`` (anyone who reads the
decision): reviews, publication, whether it may be published and why not.
Refusals answer HTTP 400 with the reasons in Chinese.

On the site, for everyone: ``GET @public-decisions?q=&item=&agency=&type=&from=&to=``;
HTTP 200 with ``"available": false`` and a notice when the search node is down.
"""

from AccessControl import Unauthorized
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from shaoyang.licensing.disclosure import public_search
from shaoyang.licensing.disclosure import publication
from zope.interface import alsoProvides


def _error(request, status, message, reasons=()):
    request.response.setStatus(status)
    return {"error": {"type": "DisclosureRefused", "message": message, "reasons": list(reasons)}}


class _Post(Service):
    def reply(self):
        # The service's own permission is held site-wide; traversal does not check that the
        # user may read the decision (a secret case is hidden even from disclosure officers).
        if not api.user.has_permission("View", obj=self.context):
            raise Unauthorized("您无权查看该决定")
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request) or {}
        except Exception:
            return _error(self.request, 400, "请求内容不是有效的JSON")
        try:
            return self.act(data)
        except publication.DisclosureRefused as refused:
            return _error(self.request, 400, f"{self.refused}：{refused}", refused.reasons)


class ConfidentialityReviewPost(_Post):
    refused = "不能记录保密审查"

    def act(self, data):
        review = publication.record_review(
            self.context, data.get("result"), data.get("note", ""), data.get("date")
        )
        self.request.response.setStatus(201)
        return review


class PublishPost(_Post):
    refused = "不能公示"

    def act(self, data):
        return publication.publish(self.context)


class WithdrawPost(_Post):
    refused = "不能撤回公示"

    def act(self, data):
        return publication.withdraw(self.context, data.get("reason", ""))


class PublicationGet(Service):
    def reply(self):
        return publication.status(self.context)


def search_parameters(form):
    return {
        "q": form.get("q", ""),
        "item": form.get("item", ""),
        "agency": form.get("agency", ""),
        "type": form.get("type", ""),
        "date_from": form.get("from", ""),
        "date_to": form.get("to", ""),
        "b_start": form.get("b_start", 0),
        "b_size": form.get("b_size", 20),
    }


class PublicDecisionsGet(Service):
    def reply(self):
        try:
            return public_search.search_public(**search_parameters(self.request.form))
        except public_search.InvalidSearch as error:
            return _error(self.request, 400, str(error))
