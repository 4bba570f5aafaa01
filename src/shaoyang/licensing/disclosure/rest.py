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

from shaoyang.licensing import _
from shaoyang.licensing.disclosure import public_search
from shaoyang.licensing.disclosure import publication
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.rest.service import Refusal
from shaoyang.licensing.rest.service import Service


class _Post(Service):
    def reply(self):
        # The service's own permission is held site-wide; traversal does not check that the
        # user may read the decision (a secret case is hidden even from disclosure officers).
        self.require_read()
        self.trust_json_client()
        data = self.body()
        try:
            return self.act(data)
        except publication.DisclosureRefused as refused:
            raise Refusal(400, f"{zh(self.refused)}：{refused}", reasons=list(refused.reasons))


class ConfidentialityReviewPost(_Post):
    refused = _("case_refusal_review", default="不能记录保密审查")

    def act(self, data):
        review = publication.record_review(
            self.context, data.get("result"), data.get("note", ""), data.get("date")
        )
        self.request.response.setStatus(201)
        return review


class PublishPost(_Post):
    refused = _("case_refusal_publish", default="不能公示")

    def act(self, data):
        return publication.publish(self.context)


class WithdrawPost(_Post):
    refused = _("case_refusal_withdraw_publication", default="不能撤回公示")

    def act(self, data):
        return publication.withdraw(self.context, data.get("reason", ""))


class PublicationGet(Service):
    def reply(self):
        return publication.status(self.context)


class PublicDecisionsGet(Service):
    def reply(self):
        try:
            return public_search.search_public(**public_search.search_parameters(self.request.form))
        except public_search.InvalidSearch as error:
            raise Refusal(400, str(error))
