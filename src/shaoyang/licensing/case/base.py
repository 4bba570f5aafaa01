"""What every record of a case has in common."""

from plone.supermodel import model
from shaoyang.licensing import _
from zope import schema


class IRecord(model.Schema):
    """A record whose title is made from its data (e.g. 申请（李明）), never typed."""

    title = schema.TextLine(title=_("label_record_title", default="题名"), readonly=True, required=False)
