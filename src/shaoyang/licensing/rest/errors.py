"""Validation errors over REST as structured JSON with Chinese messages.

plone.restapi raises ``BadRequest([{"field", "message", "error"}, ...])`` when content does not
validate, and plone.rest then sends the Python repr of that list as the message. Clients get
here instead: ``message`` (all reasons, joined, for people) and ``errors`` (one per field).
"""

from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from zExceptions import BadRequest
from zope.component import adapter


@adapter(BadRequest, IAPIRequest)
class ValidationErrorHandling(ErrorHandling):
    def render_exception(self, exception):
        result = super().render_exception(exception)
        errors = exception.args[0] if exception.args else None
        if isinstance(errors, list) and all(isinstance(e, dict) for e in errors):
            result["type"] = "ValidationError"
            result["errors"] = [
                {"field": e.get("field"), "message": str(e.get("message", ""))} for e in errors
            ]
            result["message"] = "；".join(e["message"] for e in result["errors"])
        return result
