"""Changing a level over REST without the right says so (HTTP 400), instead of being ignored.

plone.restapi skips fields the user may not write without a word; for classification and
disclosure that would let a client believe a record was (de)classified when it was not.
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from shaoyang.licensing import _
from shaoyang.licensing.case.classification import IClassification
from shaoyang.licensing.i18n import zh
from zExceptions import BadRequest
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


GUARDED = ("classification", "secrecy_period", "secrecy_basis", "disclosure")
PERMISSION = "shaoyang.licensing: Change classification"


@implementer(IDeserializeFromJson)
@adapter(IClassification, Interface)
class ClassificationGuardedDeserializer(DeserializeFromJson):
    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        asked = [name for name in GUARDED if name in data]
        if asked and not create and not api.user.has_permission(PERMISSION, obj=self.context):
            message = zh(_("case_refusal_no_right_to_classify", default="您无权变更密级或公开属性（需由有权限的人员办理并记入日志）"))
            raise BadRequest(
                [{"field": name, "message": message, "error": "ValidationError"} for name in asked]
            )
        return super().__call__(validate_all=validate_all, data=data, create=create,
                                mask_validation_errors=mask_validation_errors)
