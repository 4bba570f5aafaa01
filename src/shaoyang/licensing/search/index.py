"""The staff case index: mapping, names and aliases, and versioned bulk writes.

Names (``P`` is ``SHAOYANG_SEARCH_PREFIX``, ``S`` the Plone site's id):

* ``P-cases-S``            the alias every reader and the worker use;
* ``P-cases-S-<stamp>``    the concrete index behind it (a full rebuild makes a new one and
  swaps the alias, so searches never see an empty or half-built index);
* ``P-cases-S-building``   an alias that exists only while a rebuild runs: the worker then
  writes to both, so nothing committed during the rebuild is missing from the new index.

Every write carries an external version (the ZODB transaction id of the state the document
was built from): the node keeps the highest, so a late or repeated send of an older state can
never overwrite a newer one, whatever order the sends arrive in.
"""

from shaoyang.licensing.search.analysis import index_settings
from shaoyang.licensing.search.engine import SearchUnavailable

import datetime
import logging


logger = logging.getLogger("shaoyang.licensing.search")

TEXT = {"type": "text", "analyzer": "zh"}
EXACT = {"type": "keyword", "normalizer": "exact"}
TEXT_AND_EXACT = {"type": "text", "analyzer": "zh", "fields": {"raw": {"type": "keyword"}}}

CASE_MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "uid": {"type": "keyword"},
        "path": {"type": "keyword"},
        "title": TEXT_AND_EXACT,
        "receipt_number": EXACT,
        "item_code": {"type": "keyword"},
        "item_title": TEXT_AND_EXACT,
        "agency": {"type": "keyword"},
        "accepting_agency": {"type": "keyword"},
        "deciding_agency": {"type": "keyword"},
        "state": {"type": "keyword"},
        "year": {"type": "integer"},
        "received_date": {"type": "date"},
        "classification": {"type": "keyword"},
        "disclosure": {"type": "keyword"},
        "applicant_type": {"type": "keyword"},
        "applicant_name": TEXT_AND_EXACT,
        # 公民身份号码 and 统一社会信用代码: whole values only (no partial-number matching).
        "id_numbers": EXACT,
        "document_numbers": EXACT,
        "text": TEXT,
        "overdue": {"type": "boolean"},
        "created": {"type": "date"},
        "modified": {"type": "date"},
        "effective": {"type": "date"},
        "expires": {"type": "date"},
        # Plone's own security index, as the catalog computes it (roles, user:<id>, user:<group>)
        "allowedRolesAndUsers": {"type": "keyword"},
        "indexed": {"type": "date"},
    },
}

# Tombstones of deleted documents keep their version for a day (default 60 s), so a stale
# send that arrives late cannot bring a deleted case back.
GC_DELETES = "1d"


def site_key(site):
    return site.getId().lower()


def alias_name(engine, site):
    return engine.index_name(f"cases-{site_key(site)}")


def building_alias(engine, site):
    return alias_name(engine, site) + "-building"


def new_index_name(engine, site):
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(engine, site)}-{stamp}"


def create_case_index(engine, name):
    settings = {**index_settings(), "gc_deletes": GC_DELETES}
    engine.create_index(name, CASE_MAPPINGS, settings=settings)


def aliased_indices(engine, alias):
    """Names of the concrete indices behind ``alias`` (empty when it does not exist)."""
    return engine.aliased_indices(alias)


def ensure_index(engine, site):
    """The live alias, created with its first index when missing (safe to race: a second
    process that loses the race finds the alias there)."""
    alias = alias_name(engine, site)
    if aliased_indices(engine, alias):
        return alias
    name = new_index_name(engine, site)
    create_case_index(engine, name)
    try:
        engine.update_aliases([{"add": {"index": name, "alias": alias, "is_write_index": True}}])
    except SearchUnavailable:
        raise
    except Exception:
        logger.warning("alias %s: could not add %s", alias, name, exc_info=True)
    found = aliased_indices(engine, alias)
    if name not in found:
        engine.delete_index(name)
    return alias


def write_targets(engine, site):
    """Where the worker writes: the live alias, plus the index being rebuilt if any."""
    targets = [ensure_index(engine, site)]
    if aliased_indices(engine, building_alias(engine, site)):
        targets.append(building_alias(engine, site))
    return targets


def bulk(engine, index, operations, refresh=False):
    """Send ``[(uid, version, document-or-None)]`` (None = delete) in one versioned bulk
    request; returns ``{uid: "ok" | "superseded" | error text}``.

    A version conflict means the index already holds that state or a newer one: for the
    caller that is success (nothing newer may be overwritten)."""
    if not operations:
        return {}
    body = []
    for uid, version, document in operations:
        meta = {"_index": index, "_id": uid, "version": version, "version_type": "external"}
        if document is None:
            body.append({"delete": meta})
        else:
            body.append({"index": meta})
            body.append(document)
    response = engine.bulk(body, refresh=refresh)
    outcome = {}
    for (uid, _version, _document), item in zip(operations, response["items"]):
        (action, result), = item.items()
        status = result.get("status", 500)
        if 200 <= status < 300:
            outcome[uid] = "ok"
        elif status == 409:
            outcome[uid] = "superseded"
        elif status == 404 and action == "delete":
            outcome[uid] = "ok"
        else:
            outcome[uid] = str(result.get("error", status))
    return outcome


def refresh(engine, index):
    engine.refresh(index)
