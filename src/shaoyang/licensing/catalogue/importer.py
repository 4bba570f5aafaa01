"""Load the catalogue from profiles/city/items.yaml into the site.

New items are established and put in force; items whose data changed get a new version with
the reason "清单重新导入"; items marked ``abolished: true`` are abolished (they stay readable).
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing import _
from shaoyang.licensing.catalogue.lookup import catalogue_folder
from shaoyang.licensing.catalogue.lookup import item_by_code
from shaoyang.licensing.catalogue.versions import changed_fields
from shaoyang.licensing.i18n import zh
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import logging


logger = logging.getLogger("shaoyang.licensing")

KIND_BY_PREFIX = {"XK": "licensing", "GG": "public_service"}


def item_fields(entry):
    """The LicensingItem field values of one items.yaml entry."""
    code = entry["code"]
    fee = entry.get("fee") or {}
    return {
        "title": entry["name"],
        "kind": entry.get("kind") or KIND_BY_PREFIX[code[:2]],
        "code_main": code[2:7],
        "code_sub": code[7:10],
        "agency": entry["agency"],
        "accepting_agency": entry.get("accepting_agency") or entry["agency"],
        "deciding_agency": entry.get("deciding_agency") or entry["agency"],
        "legal_basis": entry["legal_basis"],
        "level": entry.get("level") or zh(_("cat_level_city", default="市级")),
        "review_type": entry.get("review_type"),
        "conditions": entry.get("conditions") or "",
        "flow": entry.get("flow") or "single",
        "joint_agencies": list(entry.get("joint_agencies") or []),
        "statutory_days": int(entry["statutory_days"]),
        "promised_days": int(entry["promised_days"]),
        "fee_basis": fee.get("basis"),
        "fee_standard": fee.get("standard"),
        "quantity_limit": entry.get("quantity_limit") or zh(_("cat_no_quantity_limit", default="无数量限制")),
        "result_name": entry.get("result_name") or "",
        "validity": entry.get("validity"),
        "materials": [dict(m) for m in entry.get("materials") or []],
        "review_points": list(entry.get("review_points") or []),
        "contact": entry.get("contact"),
    }


def ensure_catalogue(portal):
    if catalogue_folder() is None:
        # Not addable by hand anywhere (global_allow is off): made here, once.
        createContentInContainer(
            portal,
            "ItemCatalogue",
            id="catalogue",
            title=zh(_("cat_catalogue_title", default="事项清单")),
            checkConstraints=False,
        )
    return catalogue_folder()


def import_items(portal, entries, progress=None):
    """Create, update or abolish items; returns counts ``{"created", "changed", "abolished"}``."""
    folder = ensure_catalogue(portal)
    counts = {"created": 0, "changed": 0, "abolished": 0, "unchanged": 0}
    for n, entry in enumerate(entries, 1):
        fields = item_fields(entry)
        item = item_by_code(entry["code"])
        if item is None:
            item = api.content.create(
                container=folder,
                type="LicensingItem",
                id=entry["code"].lower(),
                change_reason=zh(_("cat_reason_established_by_list", default="依清单设立")),
                **fields,
            )
            api.content.transition(item, transition="make_effective")
            counts["created"] += 1
        else:
            for name, value in fields.items():
                setattr(item, name, value)
            if changed_fields(item):
                item.change_reason = zh(
                    _("cat_reason_reimported", default="清单重新导入：${fields}"),
                    fields="、".join(changed_fields(item)),
                )
                notify(ObjectModifiedEvent(item))
                item.reindexObject()
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
        if entry.get("abolished") and api.content.get_state(item) == "effective":
            api.content.transition(item, transition="abolish", comment=entry.get("abolished_reason"))
            counts["abolished"] += 1
        if progress:
            progress(n, len(entries))
    logger.info("Catalogue import: %s", counts)
    return counts
