"""The base of every REST service of the add-on: one error shape, one body reader, one read check.

Every refusal answers ``{"error": {"type", "message", ...}}`` with the HTTP status it names;
``type`` follows from the status (``BadRequest``, ``Forbidden``, ``NotFound``, ...), so a client
tells refusals apart by status and reads the Chinese ``message``. Field errors add
``errors: [{field, message}]`` (type ``ValidationError``), as plone.restapi's content services do
through rest/errors.py.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service as RestapiService
from shaoyang.licensing.i18n import zh
from shaoyang.licensing import _
from zope.i18nmessageid import Message
from zope.interface import alsoProvides

import json
import plone.protect.interfaces


TYPES = {
    400: "BadRequest",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    429: "TooManyRequests",
    500: "InternalServerError",
    503: "ServiceUnavailable",
}


def _text(message):
    """A refusal's message as text: an ``_()`` message in Chinese, anything else as it is."""
    return zh(message) if isinstance(message, Message) else str(message)


class Refusal(Exception):
    """Raised inside ``reply()``: the service answers ``status`` with this Chinese message
    (text, or an ``_()`` message that is turned into its Chinese text).

    ``errors`` (a list of ``{"field", "message"}``) marks a validation error; ``extra`` keys are
    added to the error object (e.g. the list of reasons a publication was refused)."""

    def __init__(self, status, message, errors=None, **extra):
        self.message = _text(message)
        super().__init__(self.message)
        self.status = status
        self.errors = errors
        self.extra = extra

    def body(self):
        error = {"type": "ValidationError" if self.errors else TYPES.get(self.status, "Error"),
                 "message": self.message, **self.extra}
        if self.errors:
            error["errors"] = [{"field": e["field"], "message": str(e["message"])} for e in self.errors]
        return {"error": error}


def may_read(obj):
    """Whether the current user may see ``obj`` (a case or a record of it). Rights held through
    global roles (assign, journal, follow up) count only on what the user may read: never on
    another department's case or a secret one."""
    return api.user.has_permission("View", obj=obj)


class Service(RestapiService):
    """plone.restapi's Service with the add-on's refusals: raise ``Refusal`` in ``reply()``."""

    def render(self):
        try:
            return super().render()
        except Refusal as refusal:
            return self.refuse(refusal)

    def refuse(self, refusal):
        """The response body of a refusal, with its status set (for services that render
        something other than JSON when they succeed)."""
        self.request.response.setStatus(refusal.status)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(refusal.body(), indent=2, sort_keys=True, separators=(", ", ": "))

    def body(self):
        """The JSON object sent with the request (``{}`` for an empty body); any other JSON, or
        none that parses, is refused with 400."""
        try:
            data = json_body(self.request)
        except Exception:
            raise Refusal(400, _text(_("case_refusal_body_not_json", default="请求内容不是有效的 JSON")))
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise Refusal(400, _text(_("case_refusal_body_not_object", default="请求内容应为 JSON 对象")))
        return data

    def require_read(self, obj=None):
        """Refuse (403) unless the user may read ``obj`` (default: the context)."""
        if not may_read(self.context if obj is None else obj):
            raise Refusal(403, _text(_("case_refusal_no_read", default="您无权查阅本案件")))

    def trust_json_client(self):
        """Let a state-changing service write without plone.protect's token.

        Why this is no hole today: these services are reached by REST clients that authenticate
        each request (basic auth or a token) and send JSON. A browser session's cookie reaching
        them from another origin is the open question of the hostile-input issue (#18), which
        replaces this with an origin and content-type check; every service that needs it calls
        this one function, so that change is made in one place."""
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
