"""Notice (文书): a generated document kept in the case, never rewritten.

Every field is read-only: notices are made by ``generate.issue`` at the step that needs them
and by ``generate.correct`` (a new version with its reason; the old one stays and names its
successor). REST ignores writes to read-only fields; a case does not allow adding a Notice by
hand (not in its allowed types; the add permission is Managers' only).
"""

from plone.indexer import indexer
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from shaoyang.licensing import _
from shaoyang.licensing.case.base import IRecord
from shaoyang.licensing.notices.kinds import KINDS
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


NOTICE_KINDS = SimpleVocabulary([SimpleTerm(kind, kind, spec[0]) for kind, spec in KINDS.items()])


class INotice(IRecord):
    file = NamedBlobFile(title=_("label_notice_file", default="文书文件"), readonly=True, required=False)
    notice_kind = schema.Choice(
        title=_("label_notice_kind", default="文书种类"), vocabulary=NOTICE_KINDS, readonly=True, required=False
    )
    notice_number = schema.TextLine(
        title=_("label_notice_number", default="文书编号"), readonly=True, required=False
    )
    notice_date = schema.Date(title=_("label_notice_date", default="成文日期"), readonly=True, required=False)
    version = schema.Int(title=_("label_notice_version", default="版本"), readonly=True, required=False)
    correction_reason = schema.Text(
        title=_("label_correction_reason", default="更正原因"), readonly=True, required=False
    )
    supersedes = schema.TextLine(
        title=_("label_supersedes", default="更正的原版本"), readonly=True, required=False
    )
    superseded_by = schema.TextLine(
        title=_("label_superseded_by", default="已被更正为"), readonly=True, required=False
    )
    transition = schema.TextLine(
        title=_("label_notice_transition", default="生成环节"), readonly=True, required=False
    )
    template = schema.TextLine(
        title=_("label_notice_template", default="所用模板"), readonly=True, required=False
    )
    sha256 = schema.ASCIILine(title=_("label_sha256", default="SHA-256摘要"), readonly=True, required=False)
    sm3 = schema.ASCIILine(title=_("label_sm3", default="SM3摘要"), readonly=True, required=False)
    text = schema.Text(title=_("label_notice_text", default="文书文本"), readonly=True, required=False)


@implementer(INotice)
class Notice(Item):
    file = None
    notice_kind = None
    notice_number = None
    notice_date = None
    version = 1
    correction_reason = None
    supersedes = None
    superseded_by = None
    transition = None
    template = None
    sha256 = None
    sm3 = None
    text = None
    parameters = None  # what the step knew (missing materials, reasons …), reused by corrections


@indexer(INotice)
def searchable_text(notice):
    parts = (notice.title, notice.notice_number, notice.text)
    return " ".join(p for p in parts if p)
