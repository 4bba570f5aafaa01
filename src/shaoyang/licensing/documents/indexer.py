"""SearchableText of an attachment: what people type to find it, including the file's text."""

from plone.indexer import indexer
from shaoyang.licensing.case.records import IAttachment


@indexer(IAttachment)
def searchable_text(attachment):
    named_file = getattr(attachment, "file", None)
    parts = (
        attachment.title,
        attachment.description,
        getattr(attachment, "material_name", None),
        named_file.filename if named_file is not None else None,
        getattr(attachment, "extracted_text", None),
    )
    return " ".join(p for p in parts if p)
