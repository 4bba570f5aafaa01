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
from shaoyang.licensing.disclosure.masking import mask_id_number
from shaoyang.licensing.disclosure.masking import mask_name
from shaoyang.licensing.disclosure.masking import mask_text
from shaoyang.licensing.search.analysis import index_settings
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.settings import settings_from_env
from zope.annotation.interfaces import IAnnotations

import datetime
import logging
import re
import threading
import transaction


logger = logging.getLogger("shaoyang.licensing.disclosure")

INDEX_RECORD = "shaoyang.licensing.disclosure.index_name"
DEFAULT_INDEX = "public-decisions"
OUTBOX_KEY = "shaoyang.licensing.disclosure.outbox"
OUTCOME_TITLES = {"grant": "准予许可", "refusal": "不予许可"}
APPLICANT_TYPE_TITLES = {"person": "自然人", "organisation": "法人或其他组织"}

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
    from shaoyang.licensing.case.application import IApplication

    for obj in case.objectValues():
        if IApplication.providedBy(obj):
            return obj
    return None


def public_document(decision, case, published_date, version, corrected_date=None):
    """The document of the public index: allow-listed fields only, personal data masked."""
    from shaoyang.licensing.departments import department_name

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
        "outcome_title": OUTCOME_TITLES.get(decision.outcome, decision.outcome),
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


def _send(entry):
    """Send one outbox entry; True when the node has it (or something newer)."""
    search = engine()
    name = search.index_name(entry["index"])
    # The node keeps the highest version: an older entry sent late changes nothing.
    if entry["op"] == "index":
        ensure_index(search, name)
        search.put_versioned(name, entry["uid"], entry["document"], entry["version"], refresh=True)
    elif search.index_exists(name):
        search.delete_versioned(name, entry["uid"], entry["version"], refresh=True)
    with _confirmed_lock:
        _confirmed[entry["uid"]] = max(_confirmed.get(entry["uid"], 0), entry["version"])
    return True


def is_confirmed(entry):
    with _confirmed_lock:
        return _confirmed.get(entry["uid"], 0) >= entry["version"]


def _after_commit(status, entry):
    if not status:
        return
    try:
        _send(entry)
    except SearchUnavailable as error:
        logger.warning("公示库暂不可用，%s 留待补发：%s", entry["uid"], error)
    except Exception:  # the publication is committed: never fail the request now
        logger.exception("公示库更新失败，%s 留待补发", entry["uid"])


def queue(uid, op, version, document=None, portal=None):
    """Record the index operation in the outbox and send it after a successful commit."""
    entry = {
        "uid": uid,
        "op": op,
        "version": version,
        "index": index_basename(),
        "document": dict(document or {}),
        "queued": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    outbox(portal)[uid] = entry
    transaction.get().addAfterCommitHook(_after_commit, args=(dict(entry),))
    return entry


def pending(portal=None):
    """Outbox entries the node has not confirmed (in this process) yet."""
    return [dict(e) for e in outbox(portal).values() if not is_confirmed(e)]


def send_pending(portal=None):
    """Send what the outbox holds (oldest first), inside the current transaction: sent
    entries leave the outbox when it commits. Stops at the first unreachable node.
    Returns ``{"sent": n, "left": n, "message": 中文 or ""}``."""
    box = outbox(portal)
    entries = sorted(box.values(), key=lambda e: (e["queued"], e["uid"]))
    sent, message = 0, ""
    for entry in entries:
        if not is_confirmed(entry):
            try:
                _send(entry)
            except SearchUnavailable as error:
                message = str(error)
                break
            sent += 1
        if box.get(entry["uid"], {}).get("version") == entry["version"]:
            del box[entry["uid"]]
    return {"sent": sent, "left": len(box), "message": message}


# ---------------------------------------------------------------------------------------
# public search

MAX_PAGE = 50
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPE_ALIASES = {"grant": "grant", "refusal": "refusal", "准予许可": "grant", "不予许可": "refusal",
                "准予": "grant", "不予": "refusal"}
ITEM_CODE = re.compile(r"^[A-Za-z]{2}\d{8}$")
TEXT_FIELDS = [
    "title", "item_name", "agency_name", "applicant_name", "certificate_name", "reasons",
    "document_number.text",
]


class InvalidQuery(ValueError):
    pass


def _date(value, label):
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not DATE.match(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidQuery(f"{label}“{value}”不是有效日期，请按 年-月-日 填写，例如 2026-01-31")


def build_query(q="", item="", agency="", type="", date_from="", date_to="", b_start=0, b_size=20):
    """The search body for the public index from the page's or endpoint's parameters."""
    filters, must = [], []
    q, item, agency, type = (v.strip() for v in (q or "", item or "", agency or "", type or ""))
    if q:
        must.append({
            "bool": {
                "should": [
                    {"multi_match": {"query": q, "fields": TEXT_FIELDS, "type": "phrase"}},
                    {"term": {"document_number": q}},
                    {"term": {"credit_code": q}},
                    {"term": {"certificate_number": q}},
                ],
                "minimum_should_match": 1,
            }
        })
    if item:
        if ITEM_CODE.match(item):
            filters.append({"term": {"item_code": item}})
        else:
            must.append({"match_phrase": {"item_name": item}})
    if agency:
        if re.fullmatch(r"[a-z]+", agency):
            filters.append({"term": {"agency": agency}})
        else:
            must.append({"match_phrase": {"agency_name": agency}})
    if type:
        if type not in TYPE_ALIASES:
            raise InvalidQuery(f"决定类型“{type}”无效，可选：准予许可（grant）、不予许可（refusal）")
        filters.append({"term": {"outcome": TYPE_ALIASES[type]}})
    start, end = _date(date_from, "起始日期"), _date(date_to, "截止日期")
    if start and end and start > end:
        raise InvalidQuery("起始日期不能晚于截止日期")
    if start or end:
        filters.append({"range": {"decision_date": {k: v for k, v in (("gte", start), ("lte", end)) if v}}})
    try:
        b_start = max(0, int(b_start or 0))
        b_size = min(MAX_PAGE, max(1, int(b_size or 20)))
    except (TypeError, ValueError):
        raise InvalidQuery("分页参数应为整数")
    return {
        "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
        "sort": [{"decision_date": "desc"}, {"published_date": "desc"}, {"document_number": "asc"}],
        "from": b_start,
        "size": b_size,
        "track_total_hits": True,
        "_source": list(FIELDS),
        "aggs": {
            "type": {"terms": {"field": "outcome_title", "size": 5}},
            "agency": {"terms": {"field": "agency_name.keyword", "size": 50}},
            "item": {"terms": {"field": "item_name.keyword", "size": 50}},
        },
    }


NOTICE = "公示查询服务暂时无法使用，请稍后再试。已公示的决定不受影响。"


def search_public(**params):
    """``{"available": True, "items_total", "items", "facets"}``; when the node is down
    ``{"available": False, "message": 中文, "items": []}`` (never an exception).
    Raises InvalidQuery for parameters that make no sense (bad dates, unknown type)."""
    body = build_query(**params)
    try:
        search = engine()
        name = index_name(search)
        if not search.index_exists(name):
            return {"available": True, "items_total": 0, "items": [], "facets": {}}
        result = search.search(name, body)
    except SearchUnavailable as error:
        logger.info("public search unavailable: %s", error)
        return {"available": False, "message": NOTICE, "items_total": 0, "items": [], "facets": {}}
    hits = result["hits"]
    facets = {
        key: [{"value": b["key"], "count": b["doc_count"]} for b in agg["buckets"]]
        for key, agg in (result.get("aggregations") or {}).items()
    }
    return {
        "available": True,
        "items_total": hits["total"]["value"],
        "items": [h["_source"] for h in hits["hits"]],
        "facets": facets,
    }
