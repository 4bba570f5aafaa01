"""The search document of one case file: what staff search finds and filters on.

One document per ``CaseFile``; its records (application, opinions, decision, delivery,
attachments with their extracted text, supervision) are folded into it. The security fields
are the catalog's own (``allowedRolesAndUsers`` from Plone's indexer, effective/expires), so a
query filtered by the user's principals sees exactly what the catalog would let them see.

A record that some reader of its case may not View (it should not happen: records acquire the
case's permissions, but a hand-made local change could do it) gives none of its text to the
case's document: the document never tells more than every reader of it may read.
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from Acquisition import aq_base
from plone import api
from plone.indexer.interfaces import IIndexer
from plone.uuid.interfaces import IUUID
from Products.CMFCore.permissions import View
from zope.component import queryMultiAdapter
from Products.CMFPlone.CatalogTool import allowedRolesAndUsers
from plone.dexterity.utils import iterSchemataForType
from shaoyang.licensing.case.due_dates import is_overdue
from shaoyang.licensing.case.application import IApplication
from shaoyang.licensing.case.records import IDecision

import datetime
import functools
import logging


logger = logging.getLogger("shaoyang.licensing.search")

TEXT_LIMIT = 400_000  # characters of record text per case (attachments are capped at 200 000 each)


def allowed_roles_and_users(obj, catalog=None):
    catalog = catalog or api.portal.get_tool("portal_catalog")
    indexer = queryMultiAdapter((obj, catalog), IIndexer, name="allowedRolesAndUsers")
    if indexer is None:

        indexer = allowedRolesAndUsers(obj)
    return sorted(set(indexer()))


def _readers(obj, acl_users):
    """Who may View ``obj``: roles and ``user:<principal>`` entries, as allowedRolesAndUsers
    has them but for View (reading the content, not only its listing); None for everyone."""
    roles = set(rolesForPermissionOn(View, obj))
    if roles & {"Anonymous", "Authenticated"}:
        return None
    local = acl_users._getAllLocalRoles(obj)
    return roles | {f"user:{p}" for p, held in local.items() if roles & set(held)}


def _narrower(record, case_view_roles, case_readers, acl_users):
    """True when some reader of the case may not View ``record``. ``case_readers()`` gives the
    case's readers (None: everyone), asked only when the cheap test does not settle it.

    A record normally acquires its case's local roles and gives View to at least the case's
    roles; that cheap test settles it without asking PAS for every local role up the chain
    (which was most of a full rebuild's time). Only a record that blocks acquisition or
    narrows View by hand gets the full comparison."""
    blocked = getattr(aq_base(record), "__ac_local_roles_block__", False)
    if not blocked and case_view_roles <= set(rolesForPermissionOn(View, record)):
        return False
    everyone = case_readers()
    if everyone is None:  # everyone reads the case
        return _readers(record, acl_users) is not None
    record_readers = _readers(record, acl_users)
    return record_readers is not None and not everyone <= record_readers


def _iso(value):
    if value is None:
        return None
    if hasattr(value, "ISO8601"):  # DateTime
        return value.ISO8601()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return None


def _plone_date(obj, name):
    """effective/expires as Plone keeps them; the catalog's floor/ceiling become None."""
    getter = getattr(obj, name, None)
    value = getter() if callable(getter) else getter
    if value is None or not hasattr(value, "year"):
        return None
    year = value.year() if callable(value.year) else value.year
    if year <= 1001 or year >= 2499:
        return None
    return _iso(value)


TEXT_FIELDS = ("text", "reasons", "certificate_name", "certificate_number", "recipient",
               "receipt_note", "material_name", "extracted_text", "description",
               "applicant_name", "legal_representative", "findings", "summary", "comment")


@functools.lru_cache(maxsize=64)
def _text_fields(portal_type):
    """The TEXT_FIELDS a type's schemas have. Asking a Dexterity object for a field it does
    not have walks every schema for a default: per record and field, that was a third of a
    rebuild's document building."""
    names = set()
    for schema in iterSchemataForType(portal_type):
        names.update(schema.names())
    return tuple(name for name in TEXT_FIELDS if name in names)


def _text_of(record):
    parts = [record.title or ""]
    base = aq_base(record)
    for name in _text_fields(record.portal_type):
        value = getattr(base, name, None)
        if isinstance(value, str) and value.strip():
            parts.append(value)
    file = getattr(base, "file", None)
    if file is not None and getattr(file, "filename", None):
        parts.append(file.filename)
    return "\n".join(parts)


def _overdue(case):
    try:

        return is_overdue(case)  # as stored and catalogued: reconcile compares the two
    except Exception:  # a clock that cannot be computed must not stop indexing
        logger.warning("clocks of %s could not be computed", case.absolute_url_path(), exc_info=True)
        return None


def case_document(case):
    """The document of ``case`` as a plain dict (JSON-ready)."""
    item = None
    try:
        item = case.item()
    except Exception:
        logger.warning("item of %s not found", case.absolute_url_path())
    portal = api.portal.get()
    catalog = portal.portal_catalog
    path = "/".join(case.getPhysicalPath()[len(portal.getPhysicalPath()):])
    allowed = allowed_roles_and_users(case, catalog)
    acl_users = portal.acl_users
    view_roles = set(rolesForPermissionOn(View, case))
    # asking PAS for the case's local roles again is needed only for a record that blocks
    # acquisition or narrows View (rare); allowedRolesAndUsers above asked once already
    readers = functools.cache(lambda: _readers(case, acl_users))
    applicant_names, applicant_types, id_numbers, document_numbers, texts = [], [], [], [], []
    size = 0
    for record in case.objectValues():
        if _narrower(record, view_roles, readers, acl_users):
            continue  # its text stays out of the case's document
        if IApplication.providedBy(record):
            if record.applicant_name:
                applicant_names.append(record.applicant_name)
            if record.applicant_type:
                applicant_types.append(record.applicant_type)
            for number in (record.id_number, record.credit_code):
                if number:
                    id_numbers.append(number.upper())
        if IDecision.providedBy(record) and record.document_number:
            document_numbers.append(record.document_number)
        text = _text_of(record)
        if size + len(text) > TEXT_LIMIT:
            text = text[: max(0, TEXT_LIMIT - size)]
        size += len(text)
        if text:
            texts.append(text)
    item_data = {}
    if item is not None:
        item_data = {"agency": item.agency, "deciding_agency": item.deciding_agency}
    return {
        "uid": IUUID(case),
        "path": path,
        "title": case.title or "",
        "receipt_number": case.receipt_number,
        "item_code": case.item_code,
        "item_title": item.title if item is not None else "",
        "agency": item_data.get("agency"),
        "accepting_agency": case.accepting_agency,
        "deciding_agency": item_data.get("deciding_agency"),
        "state": api.content.get_state(case, default=None),
        "year": case.year,
        "received_date": _iso(case.received_date),
        "classification": getattr(case, "classification", None),
        "disclosure": getattr(case, "disclosure", None),
        "applicant_type": sorted(set(applicant_types)),
        "applicant_name": applicant_names,
        "id_numbers": sorted(set(id_numbers)),
        "document_numbers": document_numbers,
        "text": "\n".join(texts),
        "overdue": _overdue(case),
        "created": _iso(case.created()),
        "modified": _iso(case.modified()),
        "effective": _plone_date(case, "effective"),
        "expires": _plone_date(case, "expires"),
        "allowedRolesAndUsers": allowed,
        "indexed": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }
