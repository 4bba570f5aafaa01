"""CaseFile (案卷): one application's whole file, the unit of the archive.

It is filed under one item version (R1.4) and numbered by its accepting agency as it is
created (受理编号, ``file_case``); everything else about the case lives in the records inside it.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.app.content.interfaces import INameFromTitle
from plone.dexterity.content import Container
from plone.indexer import indexer
from plone.autoform import directives
from shaoyang.licensing.case.base import IRecord
from shaoyang.licensing import _
from shaoyang.licensing.case.numbering import new_query_code
from shaoyang.licensing.case.numbering import new_receipt_number
from shaoyang.licensing.catalogue.lookup import item_by_code
from shaoyang.licensing.catalogue.versions import current_version
from shaoyang.licensing.catalogue.versions import version_data
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.validation import not_in_future
from shaoyang.licensing.validation import today
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid


class ICaseFile(IRecord):
    item_code = schema.Choice(
        title=_("label_case_item", default="申请事项"),
        vocabulary="shaoyang.licensing.EffectiveItems",
    )
    received_date = schema.Date(
        title=_("label_case_received_date", default="收件日期"),
        description=_("help_case_received_date", default="决定受理编号的年度"),
        constraint=not_in_future,
        defaultFactory=today,
    )
    receipt_number = schema.TextLine(
        title=_("label_receipt_number", default="受理编号"), readonly=True, required=False
    )
    query_code = schema.TextLine(
        title=_("label_query_code", default="查询码"),
        description=_("help_query_code", default="申请人凭受理编号和查询码在网上查询办理进度（印在受理通知书上）"),
        readonly=True,
        required=False,
    )
    item_version = schema.Int(
        title=_("label_item_version", default="事项版本"), readonly=True, required=False
    )
    accepting_agency = schema.Choice(
        title=_("label_accepting_agency", default="受理机构"),
        vocabulary="shaoyang.licensing.Departments",
        readonly=True,
        required=False,
    )
    # Shown in the receipt number already; kept for REST and search, not for forms.
    directives.omitted("year")
    year = schema.Int(title=_("label_case_year", default="年度"), readonly=True, required=False)


@implementer(ICaseFile)
class CaseFile(Container):
    """A case file; ``title`` is made from the item and the receipt number."""

    receipt_number = None
    item_version = None
    accepting_agency = None
    year = None

    def item(self):
        """The catalogue item the case was filed under (its current object)."""
        return item_by_code(self.item_code)

    def item_version_data(self):
        """The item as it was when the case was filed (R1.4)."""
        return version_data(self.item(), self.item_version)


def find_case(context):
    """The case file that holds ``context`` (or is it); None outside a case."""
    for obj in aq_chain(aq_inner(context)) if context is not None else ():
        if ICaseFile.providedBy(obj):
            return obj
    return None


def file_case(case):
    """Pin the item version, the agency, the receipt number and the query code of a new case
    (立卷登记). Called once, by ``filed_when_created``; Invalid (in Chinese) for an item that is
    not in force."""
    if case.receipt_number:
        return
    item = item_by_code(case.item_code)
    if item is None:
        raise Invalid(zh(_("case_error_item_unknown", default="申请事项：事项编码 ${code} 不在事项清单中"),
                         code=case.item_code))
    if api.content.get_state(item) != "effective":
        raise Invalid(zh(_("case_error_item_not_effective", default="申请事项：事项 ${code} 未生效或已取消，不能受理"),
                         code=item.item_code))
    case.item_version = current_version(item)
    case.accepting_agency = item.accepting_agency
    case.year = (case.received_date or today()).year
    case.receipt_number = new_receipt_number(case.accepting_agency, case.year)
    case.query_code = new_query_code()
    case.title = f"{item.title}（{case.receipt_number}）"


def filed_when_created(case, event):
    """Every way of making a case (add form, REST, ``api.content.create``) announces it as
    created once its fields are set and before Plone names it: the one moment to file it."""
    file_case(case)


@implementer(INameFromTitle)
@adapter(ICaseFile)
class CaseFileName:
    """The id of a filed case is its receipt number (lower case); an unfiled one has none."""

    def __init__(self, context):
        number = getattr(context, "receipt_number", None)
        self.title = number.lower() if number else None


@indexer(ICaseFile)
def item_code_of_case(case):
    """The catalog's ``item_code`` index holds case files only (search/worker.py asks it for
    the cases of a changed item)."""
    return case.item_code


@indexer(Interface)
def no_item_code(obj):
    raise AttributeError("item_code")  # records would acquire their case's code
