"""Staff search (档案检索): one function behind the page and the REST endpoint.

Every query is filtered by the principals of the current user, exactly as Plone's catalog
filters (``user:<id>``, ``user:<group>`` for each group, global roles, ``Anonymous``) and by
effective/expires for people without "Access inactive portal content". The filter sits in the
query itself, so hits, totals and facet counts only ever count what the user may read.

When the search node cannot be reached the same call answers from the catalog (titles,
receipt numbers, SearchableText) with ``degraded: true`` and a Chinese notice; it never raises.
"""

from AccessControl import getSecurityManager
from plone import api
from shaoyang.licensing.search import index as case_index
from shaoyang.licensing.search.engine import SearchEngine
from shaoyang.licensing.search.engine import SearchUnavailable
from shaoyang.licensing.search.limits import checked_page
from shaoyang.licensing.search.limits import checked_text
from shaoyang.licensing.search.limits import InvalidSearch
from zope.i18n import translate
from shaoyang.licensing.case.application import APPLICANT_TYPES
from shaoyang.licensing.case.application import term_title
from shaoyang.licensing.case.classification import CLASSIFICATIONS
from shaoyang.licensing.departments import all_departments
from shaoyang.licensing.i18n import zh
from shaoyang.licensing import _

import datetime
import logging
import re


logger = logging.getLogger("shaoyang.licensing.search")

FILTERS = ("item_code", "agency", "state", "year", "classification", "applicant_type", "overdue")
FACETS = ("item_code", "agency", "state", "year", "classification", "applicant_type", "overdue")
SORTS = {
    "relevance": None,
    "received_desc": [{"received_date": {"order": "desc", "missing": "_last"}}],
    "received_asc": [{"received_date": {"order": "asc", "missing": "_last"}}],
    "receipt_number": [{"receipt_number": "asc"}],
    "modified_desc": [{"modified": "desc"}],
}
MAX_PAGE = 100
HIGHLIGHT_FIELDS = ("title", "item_title", "applicant_name", "text")
# Numbers searched as whole values: receipt number, 文号, ID number, credit code.
NUMBER_FIELDS = ("receipt_number", "document_numbers", "id_numbers")


def user_principals(user=None):
    """What the catalog would filter ``allowedRolesAndUsers`` with for ``user``."""
    user = user or api.user.get_current()
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._listAllowedRolesAndUsers(user)


def _may_see_inactive(site):
    # One permission check; api.user.get_permissions would check every permission of the
    # site (~15 ms, most of the adapter's time over a raw query).
    return bool(getSecurityManager().checkPermission("Access inactive portal content", site))


def security_filter(site, user=None):
    filters = [{"terms": {"allowedRolesAndUsers": user_principals(user)}}]
    if not _may_see_inactive(site):
        now = datetime.datetime.now(datetime.timezone.utc).isoformat()
        filters.append({"bool": {"should": [
            {"bool": {"must_not": {"exists": {"field": "effective"}}}},
            {"range": {"effective": {"lte": now}}}]}})
        filters.append({"bool": {"should": [
            {"bool": {"must_not": {"exists": {"field": "expires"}}}},
            {"range": {"expires": {"gte": now}}}]}})
    return filters


def _text_query(q):
    q = (q or "").strip()
    if not q:
        return {"match_all": {}}
    phrases = re.findall(r'"([^"]+)"|“([^”]+)”', q)
    phrases = [a or b for a, b in phrases]
    rest = re.sub(r'"[^"]*"|“[^”]*”', " ", q).strip()
    should = []
    must = []
    for phrase in phrases:  # exact phrase: names, addresses, wording of a decision
        must.append({"multi_match": {"query": phrase, "type": "phrase",
                                     "fields": ["title", "item_title", "applicant_name", "text"]}})
    if rest:
        should.append({"multi_match": {"query": rest, "operator": "and",
                                       "fields": ["title^3", "item_title^2", "applicant_name^3", "text"]}})
        should.append({"match_phrase": {"applicant_name": {"query": rest, "boost": 5}}})
        for token in rest.split():
            for field in NUMBER_FIELDS:
                should.append({"term": {field: {"value": token, "boost": 20}}})
    query = {"bool": {}}
    if must:
        query["bool"]["must"] = must
    if should:
        query["bool"]["should"] = should
        query["bool"]["minimum_should_match"] = 1
    return query


def _filter_clauses(filters):
    clauses = []
    for name in FILTERS:
        values = filters.get(name)
        if values in (None, "", []):
            continue
        if not isinstance(values, (list, tuple)):
            values = [values]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        if name == "year":
            for value in values:
                if not str(value).isdigit() or len(str(value)) != 4:
                    raise InvalidSearch(
                        zh(
                            _("cat_search_bad_year", default="年度“${value}”应为四位数字，例如 2026"),
                            value=value,
                        )
                    )
            values = [int(v) for v in values]
        if name == "overdue":
            values = [str(v).lower() in ("1", "true", "yes") for v in values]
        clauses.append({"terms": {name: values}})
    return clauses


def build_query(site, q="", filters=None, sort="relevance", b_start=0, b_size=20, user=None):
    """The request body for the node (also used by the benchmark against the raw query).
    Raises InvalidSearch (Chinese reason) for a text too long, a bad year or page."""
    filters = filters or {}
    b_start, b_size = checked_page(b_start, b_size, MAX_PAGE)
    body = {
        "query": {"bool": {
            "must": [_text_query(checked_text(q))],
            "filter": security_filter(site, user) + _filter_clauses(filters),
        }},
        "from": b_start,
        "size": b_size,
        "track_total_hits": True,
        "_source": {"excludes": ["text", "allowedRolesAndUsers"]},
        "aggs": {name: {"terms": {"field": name, "size": 50}} for name in FACETS},
        "highlight": {
            "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
            "fields": {name: {"fragment_size": 80, "number_of_fragments": 2} for name in HIGHLIGHT_FIELDS},
        },
    }
    body["aggs"]["item_code"]["aggs"] = {"title": {"terms": {"field": "item_title.raw", "size": 1}}}
    if SORTS.get(sort):
        body["sort"] = SORTS[sort]
    return body


# -- titles of facet values ----------------------------------------------------------------


def _titles():


    request = api.portal.get().REQUEST
    overdue = translate(_("case_search_facet_overdue_yes", default="已超时"), context=request)
    on_time = translate(_("case_search_facet_overdue_no", default="未超时"), context=request)
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById("case_workflow")
    states = {s.getId(): s.title for s in workflow.states.objectValues()} if workflow else {}
    return {
        "agency": {code: d.get("name", code) for code, d in all_departments().items()},
        "state": states,
        "classification": {t.value: translate(t.title, context=api.portal.get().REQUEST) for t in CLASSIFICATIONS},
        "applicant_type": {t.value: term_title(APPLICANT_TYPES, t.value) for t in APPLICANT_TYPES},
        "overdue": {"true": overdue, "false": on_time, "1": overdue, "0": on_time},
    }


def _facets(aggregations, titles):
    facets = {}
    for name in FACETS:
        buckets = aggregations.get(name, {}).get("buckets", [])
        values = []
        for bucket in buckets:
            value = bucket.get("key_as_string", bucket["key"])
            if name == "item_code":
                sub = bucket.get("title", {}).get("buckets", [])
                title = sub[0]["key"] if sub else value
            else:
                title = titles.get(name, {}).get(str(value), str(value))
            values.append({"value": value, "title": title, "count": bucket["doc_count"]})
        facets[name] = values
    return facets


def _item(site_url, source, highlight, titles):
    return {
        "@id": f"{site_url}/{source['path']}",
        "uid": source["uid"],
        "title": source.get("title"),
        "receipt_number": source.get("receipt_number"),
        "item_code": source.get("item_code"),
        "item_title": source.get("item_title"),
        "agency": source.get("agency"),
        "agency_title": titles["agency"].get(source.get("agency"), source.get("agency")),
        "state": source.get("state"),
        "state_title": titles["state"].get(source.get("state"), source.get("state")),
        "year": source.get("year"),
        "received_date": source.get("received_date"),
        "classification": source.get("classification"),
        "classification_title": titles["classification"].get(source.get("classification")),
        "applicant_name": source.get("applicant_name"),
        "document_numbers": source.get("document_numbers"),
        "overdue": source.get("overdue"),
        "highlights": {k: v for k, v in (highlight or {}).items()},
    }


def search(site, q="", filters=None, sort="relevance", b_start=0, b_size=20, engine=None):
    """``{"degraded", "notice", "total", "items", "facets", "b_start", "b_size"}``.
    Raises InvalidSearch for a request that makes no sense, whether the node is up or not."""
    body = build_query(site, q, filters, sort, b_start, b_size)
    try:
        engine = engine or SearchEngine()
        alias = case_index.alias_name(engine, site)
        result = engine.search(alias, body)
    except SearchUnavailable as error:
        logger.warning("staff search degraded: %s", error)
        return catalog_search(site, q, filters, body["from"], body["size"], reason=str(error))
    except Exception as error:
        if "index_not_found" in str(error):  # nothing indexed yet on this node
            return catalog_search(site, q, filters, body["from"], body["size"], reason=str(error))
        raise
    titles = _titles()
    site_url = site.absolute_url()
    hits = result["hits"]
    return {
        "degraded": False,
        "notice": None,
        "total": hits["total"]["value"],
        "b_start": body["from"],
        "b_size": body["size"],
        "items": [_item(site_url, h["_source"], h.get("highlight"), titles) for h in hits["hits"]],
        "facets": _facets(result.get("aggregations", {}), titles),
    }


def catalog_search(site, q="", filters=None, b_start=0, b_size=20, reason=""):
    """Degraded mode: the Plone catalog (its own security filter) for titles and numbers."""
    filters = filters or {}
    catalog = api.portal.get_tool("portal_catalog")
    query = {"portal_type": "CaseFile", "sort_on": "created", "sort_order": "descending"}
    if filters.get("state"):
        query["review_state"] = filters["state"]
    q = (q or "").strip().strip('"“”')
    brains = []
    if q:
        for index in ("SearchableText", "Title"):
            try:
                brains = catalog(**query, **{index: _catalog_text(q)})
            except Exception:  # a query the text index cannot parse
                brains = []
            if len(brains):
                break
    else:
        brains = catalog(**query)
    titles = _titles()
    items = []
    for brain in brains[b_start:b_start + b_size]:
        items.append({
            "@id": brain.getURL(),
            "uid": brain.UID,
            "title": brain.Title,
            "receipt_number": _receipt_number(brain),
            "state": brain.review_state,
            "state_title": titles["state"].get(brain.review_state, brain.review_state),
            "highlights": {},
        })
    notice = translate(
        _("case_search_degraded", default="检索服务暂时不可用，以下是按标题、受理编号和全文在本系统目录中的简易检索结果（无分面、无高亮）。"),
        context=getattr(site, "REQUEST", None),
    )
    return {
        "degraded": True,
        "notice": notice,
        "reason": reason,
        "total": len(brains),
        "b_start": b_start,
        "b_size": b_size,
        "items": items,
        "facets": {},
    }


def _catalog_text(q):
    # ZCTextIndex reads AND/OR/NOT and parentheses as operators; numbers like XZSP-2026-00001
    # are split on "-" by the splitter, so the parts are searched together.
    words = re.split(r"[\s\-\(\)（）〔〕]+", q)
    return " ".join(w for w in words if w and w.upper() not in ("AND", "OR", "NOT"))


def _receipt_number(brain):
    match = re.search(r"[A-Z]+-\d{4}-\d+", brain.Title or "")
    return match.group(0) if match else None
