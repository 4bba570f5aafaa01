"""Keep an empty file uploaded over REST instead of refusing it.

plone.restapi treats a file without bytes as no file at all, so the required ``file`` field
answers "缺少必需的输入" and the upload is lost. A zero-byte file an applicant handed in is
still part of the record: it is stored, and the reading note says 空文件.
"""

from plone.namedfile.interfaces import INamedField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from shaoyang.licensing.case.records import IAttachment
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IFieldDeserializer)
@adapter(INamedField, IAttachment, IBrowserRequest)
class AttachmentFileDeserializer(NamedFieldDeserializer):
    def __call__(self, value):
        if isinstance(value, dict) and value.get("filename") and value.get("data") == "":
            empty = self.field._type(
                data=b"",
                contentType=value.get("content-type", "application/octet-stream"),
                filename=value["filename"],
            )
            self.field.validate(empty)
            return empty
        return super().__call__(value)
