"""Versions of an item (rule R1.4): every establishment, change and abolition is a new version,
recorded with who, when and why; cases keep the number of the version they were filed under.
"""

from persistent.list import PersistentList
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.catalogue.item import plain_value
from shaoyang.licensing.catalogue.item import VERSIONED_FIELDS
from shaoyang.licensing.catalogue.item import versions
from shaoyang.licensing.i18n import zh

import datetime


CHANGES = {
    "establish": _("cat_change_establish", default="设立"),
    "amend": _("cat_change_amend", default="变更"),
    "abolish": _("cat_change_abolish", default="取消"),
}


def snapshot(item):
    """The item's versioned fields and computed codes, as plain JSON-safe data."""
    data = {name: plain_value(getattr(item, name, None)) for name in VERSIONED_FIELDS}
    data["item_code"] = item.item_code
    data["implementation_code"] = item.implementation_code
    return data


def current_version(item):
    """The number of the item's latest version (0 before the first is recorded)."""
    return len(versions(item))


def version_data(item, number):
    """The recorded version ``number`` (1-based) of ``item``; KeyError if it does not exist."""
    all_versions = versions(item)
    if not 1 <= number <= len(all_versions):
        raise KeyError(
            zh(
                _("cat_no_such_version", default="事项 ${code} 没有第${number}版"),
                code=item.item_code,
                number=number,
            )
        )
    return all_versions[number - 1]


def record_version(item, change, reason, effective=None):
    """Append a version with the item's current data; returns its number."""
    if change not in CHANGES:
        raise ValueError(change)
    if not getattr(item, "versions", None):
        item.versions = PersistentList()
    user = api.user.get_current()
    item.versions.append(
        {
            "version": len(item.versions) + 1,
            "change": change,
            "change_title": zh(CHANGES[change]),
            "reason": reason,
            "effective": (effective or datetime.date.today()).isoformat(),
            "recorded": datetime.datetime.now().isoformat(timespec="seconds"),
            "actor": user.getId() if user else "",
            "data": snapshot(item),
        }
    )
    return len(item.versions)


def changed_fields(item):
    """Names of versioned fields that differ from the latest version."""
    if not versions(item):
        return []
    last = versions(item)[-1]["data"]
    now = snapshot(item)
    return [name for name in VERSIONED_FIELDS if last.get(name) != now.get(name)]


# -- event handlers (registered in catalogue/configure.zcml) ---------------------------------


def item_added(item, event):
    if not versions(item):
        record_version(
            item, "establish", item.change_reason or zh(_("cat_reason_establish", default="设立事项"))
        )
        item.change_reason = None


def item_modified(item, event):
    if changed_fields(item):
        record_version(
            item, "amend", item.change_reason or zh(_("cat_reason_unstated", default="（未说明原因）"))
        )
    item.change_reason = None


def item_transitioned(item, event):
    if event.transition is not None and event.transition.id == "abolish":
        comment = (event.kwargs or {}).get("comment") or zh(
            _("cat_reason_abolished", default="事项依法取消")
        )
        record_version(item, "abolish", comment)
