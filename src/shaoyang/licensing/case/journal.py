"""The case journal: append-only and tamper-evident (rule R4.5 accountability, issue 4).

Each entry holds the SHA-256 of the entry before it, and its own hash covers its content and
that link; ``verify`` recomputes the chain and reports the first entry that no longer matches,
so an edited, removed or reordered entry is detected.
"""

from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from zope.annotation.interfaces import IAnnotations

import datetime
import hashlib
import json


ANNOTATION_KEY = "shaoyang.licensing.journal"
GENESIS = "0" * 64

# action → its title, a message: zh() where it becomes text (the journal page, summaries).
ACTIONS = {
    "filed": _("case_action_filed", default="立卷登记"),
    "transition": _("case_action_transition", default="流程操作"),
    "assignment": _("case_action_assignment", default="指定责任人"),
    "revocation": _("case_action_revocation", default="撤销指定"),
    "substitution": _("case_substitution", default="顶岗补位"),
    "classification": _("case_action_classification", default="密级或公开属性变更"),
    "extension": _("case_action_extension", default="延期"),
    "view": _("case_action_view", default="查阅非公开记录"),
    "download": _("case_action_download", default="下载非公开文件"),
    "document": _("case_action_document", default="生成文书"),
}


def _entries(case):
    annotations = IAnnotations(case)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations[ANNOTATION_KEY]


def _digest(entry):
    content = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def record(case, action, summary, details=None, actor=None, on_behalf_of=()):
    """Append an entry; returns it. ``on_behalf_of``: holders the actor substitutes for."""
    if action not in ACTIONS:
        raise ValueError(action)
    entries = _entries(case)
    user = api.user.get_current()
    entry = {
        "seq": len(entries) + 1,
        "time": datetime.datetime.now().isoformat(timespec="seconds"),
        "actor": actor or (user.getId() if user else ""),
        "on_behalf_of": list(on_behalf_of),
        "action": action,
        "summary": summary,
        "details": json.loads(json.dumps(details or {}, ensure_ascii=False, default=str)),
        "prev": entries[-1]["hash"] if entries else GENESIS,
    }
    entry["hash"] = _digest(entry)
    entries.append(PersistentMapping(entry))
    return dict(entry)


def entries(case):
    return [dict(e) for e in IAnnotations(case).get(ANNOTATION_KEY, ())]


def verify(case):
    """``{"ok": bool, "count": n, "broken_at": seq or None, "message": 中文}``."""
    prev = GENESIS
    items = entries(case)
    for position, entry in enumerate(items, 1):
        if entry.get("seq") != position or entry.get("prev") != prev or _digest(entry) != entry.get("hash"):
            return {
                "ok": False,
                "count": len(items),
                "broken_at": position,
                "message": zh(_("case_journal_broken", default="日志第${position}条与哈希链不符：日志可能被篡改"),
                              position=position),
            }
        prev = entry["hash"]
    return {"ok": True, "count": len(items), "broken_at": None,
            "message": zh(_("case_journal_intact", default="日志完整，哈希链校验通过"))}
