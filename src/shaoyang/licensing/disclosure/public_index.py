"""The public index of published decisions (公示库).

It holds only decisions a disclosure officer published, each as a document built from an
explicit allow-list of fields (``public_document``), personal data masked per R5.4. It is
separate from the staff index and has no security fields: everything in it is public.

Changes reach it after the transaction commits (``queue``): the operation is written to an
outbox on the site inside the transaction and an after-commit hook sends it. When the node is
down, the hook fails quietly and the outbox entry stays as the pending marker; the next
publish or withdrawal, or ``scripts/publish-pending``, sends what is left (``send_pending``).
An aborted transaction never reaches the index. Each operation carries the decision's
publication version as an external version, so an older operation sent late never overwrites
a newer one (the node answers 409 and the older one is dropped).
"""

from BTrees.OOBTree import OOBTree
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.disclosure.masking import mask_id_number
from shaoyang.licensing.disclosure.masking import mask_name
from shaoyang.licensing.disclosure.masking import mask_text
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.index import bulk as versioned_bulk
from shaoyang.licensing.search.settings import settings_from_env
from zope.annotation.interfaces import IAnnotations
from shaoyang.licensing.case.application import IApplication
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.records import OUTCOMES
from shaoyang.licensing.departments import department_name
from shaoyang.licensing.i18n import zh

import datetime
import logging
import threading
import transaction


logger = logging.getLogger("shaoyang.licensing.disclosure")

INDEX_RECORD = "shaoyang.licensing.disclosure.index_name"
DEFAULT_INDEX = "public-decisions"
OUTBOX_KEY = "shaoyang.licensing.disclosure.outbox"

_text = {"type": "text", "analyzer": "zh"}
_text_keyword = {"type": "text", "analyzer": "zh", "fields": {"keyword": {"type": "keyword"}}}
_code = {"type": "keyword", "normalizer": "exact"}

# The allow-list: these fields and no others (dynamic: strict refuses anything else).
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "title": _text,
        "document_number": {"type": "keyword", "normalizer": "exact", "fields": {"text": _text}},
        "outcome": {"type": "keyword"},
        "outcome_title": {"type": "keyword"},
        "decision_date": {"type": "date", "format": "yyyy-MM-dd"},
        "item_code": _code,
        "item_name": _text_keyword,
        "agency": {"type": "keyword"},
        "agency_name": _text_keyword,
        "applicant_type": {"type": "keyword"},
        "applicant_name": _text_keyword,
        "applicant_id_number": {"type": "keyword"},
        "credit_code": _code,
        "certificate_name": _text_keyword,
        "certificate_number": _code,
        "valid_from": {"type": "date", "format": "yyyy-MM-dd"},
        "valid_until": {"type": "date", "format": "yyyy-MM-dd"},
        "reasons": _text,
        "published_date": {"type": "date", "format": "yyyy-MM-dd"},
        "corrected_date": {"type": "date", "format": "yyyy-MM-dd"},
        "version": {"type": "integer"},
    },
}
FIELDS = tuple(MAPPINGS["properties"])

# ---------------------------------------------------------------------------------------
# the engine

_engines = {}
_lock = threading.Lock()


def engine():
    """The adapter for the current settings (read from the environment each time, so a
    changed ``SHAOYANG_SEARCH_*`` takes effect; one client per distinct settings)."""
    settings = settings_from_env()
    with _lock:
        if settings not in _engines:
            _engines[settings] = SearchEngine(settings)
        return _engines[settings]


def index_basename():
    try:
        return api.portal.get_registry_record(INDEX_RECORD, default=DEFAULT_INDEX) or DEFAULT_INDEX
    except Exception:  # no site (scripts before setSite) or record not installed yet
        return DEFAULT_INDEX


def index_name(search=None, basename=None):
    return (search or engine()).index_name(basename or index_basename())


def ensure_index(search, name):
    if search.index_exists(name):
        return
    try:
        search.create_index(name, MAPPINGS)
    except SearchUnavailable:
        raise
    except Exception as error:  # created meanwhile by another process
        if "resource_already_exists" not in str(error):
            raise


# ---------------------------------------------------------------------------------------
# the public document


def _iso(value):
    return value.isoformat() if value else None


def applicant_of(case):
    for obj in case.objectValues():
        if IApplication.providedBy(obj):
            return obj
    return None


def public_document(decision, case, published_date, version, corrected_date=None):
    """The document of the public index: allow-listed fields only, personal data masked."""
    item = case.item_version_data()["data"]
    applicant = applicant_of(case)
    person = applicant is not None and applicant.applicant_type == "person"
    full_name = (applicant.applicant_name or "") if applicant is not None else ""
    names = [full_name] if person else []
    if applicant is not None and getattr(applicant, "legal_representative", None):
        names.append(applicant.legal_representative)  # a person, also in an organisation's case
    grant = decision.outcome == "grant"
    document = {
        "title": mask_text(decision.title or "", names),
        "document_number": decision.document_number,
        "outcome": decision.outcome,
        "outcome_title": term_title(OUTCOMES, decision.outcome),
        "decision_date": _iso(decision.decision_date),
        "item_code": case.item_code,
        "item_name": item.get("title") or case.item_code,
        "agency": item.get("deciding_agency"),
        "agency_name": department_name(item.get("deciding_agency")),
        "applicant_type": applicant.applicant_type if applicant is not None else None,
        "applicant_name": (mask_name(full_name) if person else full_name) or None,
        "applicant_id_number": mask_id_number(applicant.id_number)
        if person and applicant.id_number
        else None,
        "credit_code": applicant.credit_code if applicant is not None and not person else None,
        "certificate_name": mask_text(decision.certificate_name, names) if grant else None,
        "certificate_number": mask_text(decision.certificate_number, names) if grant else None,
        "valid_from": _iso(decision.valid_from) if grant else None,
        "valid_until": _iso(decision.valid_until) if grant else None,
        "reasons": mask_text(decision.reasons, names) if not grant else None,
        "published_date": _iso(published_date),
        "corrected_date": _iso(corrected_date),
        "version": version,
    }
    assert set(document) <= set(FIELDS)
    return {k: v for k, v in document.items() if v not in (None, "")}


# ---------------------------------------------------------------------------------------
# outbox and after-commit sending

_confirmed = {}  # uid → version this process saw acknowledged by the node
_confirmed_lock = threading.Lock()


def outbox(portal=None):
    annotations = IAnnotations(portal or api.portal.get())
    if OUTBOX_KEY not in annotations:
        annotations[OUTBOX_KEY] = OOBTree()
    return annotations[OUTBOX_KEY]


def _send(entries):
    """Send outbox entries in one bulk request per index (one refresh for all); returns the
    entries the node has now (or something newer: a 409 means a later version is there)."""
    search = engine()
    confirmed, batches, exists = [], {}, {}
    for entry in entries:
        name = search.index_name(entry["index"])
        if name not in exists:  # asked once per index, not per entry
            exists[name] = search.index_exists(name)
        if not exists[name]:
            if entry["op"] != "index":
                confirmed.append(entry)  # no index yet: nothing to delete
                continue
            ensure_index(search, name)
            exists[name] = True
        batches.setdefault(name, []).append(entry)
    for name, sent in batches.items():
        operations = [(e["uid"], e["version"], e["document"] if e["op"] == "index" else None) for e in sent]
        outcome = versioned_bulk(search, name, operations, refresh=True)  # 公示 is visible on return
        for entry in sent:
            if outcome[entry["uid"]] in ("ok", "superseded"):
                confirmed.append(entry)
            else:
                logger.error(zh(_("case_log_public_index_refused", default="公示库拒绝了 %s（%s）：%s")),
                             entry["uid"], entry["op"], outcome[entry["uid"]])
    with _confirmed_lock:
        for entry in confirmed:
            _confirmed[entry["uid"]] = max(_confirmed.get(entry["uid"], 0), entry["version"])
    return confirmed


def is_confirmed(entry):
    with _confirmed_lock:
        return _confirmed.get(entry["uid"], 0) >= entry["version"]


_TXN_KEY = object()  # the entries queued in the current transaction


def _after_commit(status, entries):
    if not status:
        return
    try:
        _send(list(entries.values()))
    except SearchUnavailable as error:
        logger.warning(zh(_("case_log_public_index_unavailable", default="公示库暂不可用，%d 项留待补发：%s")),
                       len(entries), error)
    except Exception:  # the publications are committed: never fail the request now
        logger.exception(zh(_("case_log_public_index_failed", default="公示库更新失败，%d 项留待补发")), len(entries))


def _queued_here():
    """``{uid: entry}`` queued in the current transaction, sent by its after-commit hook."""
    txn = transaction.get()
    try:
        return txn.data(_TXN_KEY)
    except KeyError:
        entries = {}
        txn.set_data(_TXN_KEY, entries)
        txn.addAfterCommitHook(_after_commit, args=(entries,))
        return entries


def queue(uid, op, version, document=None, portal=None):
    """Record the index operation in the outbox and send it after a successful commit
    (all operations of one transaction in one bulk request)."""
    entry = {
        "uid": uid,
        "op": op,
        "version": version,
        "index": index_basename(),
        "document": dict(document or {}),
        "queued": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    outbox(portal)[uid] = entry
    _queued_here()[uid] = dict(entry)  # the latest operation per decision
    return entry


def pending(portal=None):
    """Outbox entries the node has not confirmed (in this process) yet."""
    return [dict(e) for e in outbox(portal).values() if not is_confirmed(e)]


def send_pending(portal=None):
    """Send what earlier transactions left in the outbox, inside the current transaction:
    sent entries leave the outbox when it commits. Entries queued in this transaction are
    not sent (its after-commit hook does that: an abort must leave the index untouched).
    Returns ``{"sent": n, "left": n, "message": 中文 or ""}``."""
    box = outbox(portal)
    here = _queued_here()
    entries = [dict(e) for e in box.values() if e["uid"] not in here]
    waiting = [e for e in entries if not is_confirmed(e)]
    message = ""
    try:
        sent = _send(sorted(waiting, key=lambda e: (e["queued"], e["uid"]))) if waiting else []
    except SearchUnavailable as error:
        sent, message = [], str(error)
    done = {e["uid"] for e in sent} | {e["uid"] for e in entries if is_confirmed(e)}
    for entry in entries:
        if entry["uid"] in done and box.get(entry["uid"], {}).get("version") == entry["version"]:
            del box[entry["uid"]]
    return {"sent": len(sent), "left": len(box), "message": message}
