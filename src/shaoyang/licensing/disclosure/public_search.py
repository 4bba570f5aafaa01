"""Public search of the published decisions (公示查询): the anonymous page and ``@public-decisions``.

Parameters are checked (dates, item codes, decision types, text length, paging;
``InvalidSearch`` with a Chinese message otherwise) and turned into a query over the public
index's allow-listed fields (disclosure/public_index.py). A node that cannot be reached gives a
friendly notice, never an error.
"""

from shaoyang.licensing import _
from shaoyang.licensing.disclosure.public_index import engine
from shaoyang.licensing.disclosure.public_index import FIELDS
from shaoyang.licensing.disclosure.public_index import index_name
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.limits import checked_page
from shaoyang.licensing.search.limits import checked_text
from shaoyang.licensing.search.limits import InvalidSearch

import datetime
import logging
import re


logger = logging.getLogger("shaoyang.licensing.disclosure")

MAX_PAGE = 50
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What people type for a decision type (the page's and the index's titles, and short forms).
TYPE_ALIASES = {"grant": "grant", "refusal": "refusal", "准予许可": "grant", "不予许可": "refusal",  # i18n: data
                "准予": "grant", "不予": "refusal"}  # i18n: data
ITEM_CODE = re.compile(r"^[A-Za-z]{2}\d{8}$")
TEXT_FIELDS = [
    "title", "item_name", "agency_name", "applicant_name", "certificate_name", "reasons",
    "document_number.text",
]


def _date(value, label):
    value = (value or "").strip()
    if not value:
        return None
    try:
        if not DATE.match(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidSearch(zh(_("case_public_error_bad_date", default="${label}“${value}”不是有效日期，请按 年-月-日 填写，例如 2026-01-31"),
                               label=label, value=value))


def build_query(q="", item="", agency="", type="", date_from="", date_to="", b_start=0, b_size=20):
    """The search body for the public index from the page's or endpoint's parameters."""
    filters, must = [], []
    q, item = checked_text(q), checked_text(item)
    agency, type = (v.strip() for v in (agency or "", type or ""))
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
            raise InvalidSearch(zh(_("case_public_error_bad_type", default="决定类型“${type}”无效，可选：准予许可（grant）、不予许可（refusal）"),
                                   type=type))
        filters.append({"term": {"outcome": TYPE_ALIASES[type]}})
    start = _date(date_from, zh(_("case_public_label_date_from", default="起始日期")))
    end = _date(date_to, zh(_("case_public_label_date_to", default="截止日期")))
    if start and end and start > end:
        raise InvalidSearch(zh(_("case_public_error_dates_reversed", default="起始日期不能晚于截止日期")))
    if start or end:
        filters.append({"range": {"decision_date": {k: v for k, v in (("gte", start), ("lte", end)) if v}}})
    b_start, b_size = checked_page(b_start, b_size, MAX_PAGE)
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


NOTICE = _("case_public_unavailable", default="公示查询服务暂时无法使用，请稍后再试。已公示的决定不受影响。")


def search_parameters(form):
    """The search's arguments from a request's form (page and REST alike)."""
    return {
        "q": form.get("q", ""),
        "item": form.get("item", ""),
        "agency": form.get("agency", ""),
        "type": form.get("type", ""),
        "date_from": form.get("from", ""),
        "date_to": form.get("to", ""),
        "b_start": form.get("b_start", 0),
        "b_size": form.get("b_size", 20),
    }


def search_public(**params):
    """``{"available": True, "items_total", "items", "facets"}``; when the node is down
    ``{"available": False, "message": 中文, "items": []}`` (never an exception).
    Raises InvalidSearch for parameters that make no sense (bad dates, unknown type, a text
    too long, a page beyond the first 10,000)."""
    body = build_query(**params)
    try:
        search = engine()
        name = index_name(search)
        if not search.index_exists(name):
            return {"available": True, "items_total": 0, "items": [], "facets": {}}
        result = search.search(name, body)
    except SearchUnavailable as error:
        logger.info("public search unavailable: %s", error)
        return {"available": False, "message": zh(NOTICE), "items_total": 0, "items": [], "facets": {}}
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
