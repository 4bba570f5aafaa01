"""Reading non-public records leaves a trace: views and downloads go into the case journal.

Runs after traversal of every GET. Only content of a case counts (the case itself or a record
in it) whose disclosure is not 主动公开; the journal page itself is not logged (reading the log
would otherwise write to it). These writes happen on GET, so they are declared safe to
plone.protect.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from plone import api
from plone.protect.utils import safeWrite
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.case.classification import IClassification
from shaoyang.licensing.i18n import zh
from zope.annotation.interfaces import IAnnotations

import datetime


DOWNLOAD_VIEWS = ("download", "@@download", "display-file", "@@display-file")
SKIPPED_VIEWS = ("case-journal", "@@case-journal", "@journal", "case-preconditions")


def _target(published):
    """(content, view name) of what was published."""
    context = getattr(published, "context", None)
    name = getattr(published, "__name__", "") or ""
    if context is None:
        return published, ""
    return aq_inner(context), name


# One reading of a record per person is enough to show who saw it; reloading the page (or the
# redirect after each step) within this window adds nothing. Downloads are always logged.
VIEW_WINDOW = datetime.timedelta(minutes=30)


def _seen_recently(case, userid, path):
    since = (datetime.datetime.now() - VIEW_WINDOW).isoformat(timespec="seconds")
    for entry in reversed(IAnnotations(case).get(journal.ANNOTATION_KEY, ())):
        if entry["time"] < since:
            return False
        if entry["action"] == "view" and entry["actor"] == userid and entry["details"].get("path") == path:
            return True
    return False


def log_reading(event):
    request = event.request
    if request.get("REQUEST_METHOD", "GET") != "GET":
        return
    content, name = _target(request.get("PUBLISHED"))
    last_step = request.get("URL", "").rstrip("/").rsplit("/", 1)[-1]
    if content is None or name in SKIPPED_VIEWS or last_step in SKIPPED_VIEWS:
        return
    if not IClassification.providedBy(content):
        return
    if getattr(content, "disclosure", None) == "proactive":
        return
    case = find_case(content)
    user = api.user.get_current()
    if case is None or user is None or api.user.is_anonymous():
        return
    action = "download" if name.split("/")[0] in DOWNLOAD_VIEWS or "download" in request.get("URL", "") else "view"
    path = "/".join(content.getPhysicalPath())
    if action == "view" and _seen_recently(case, user.getId(), path):
        return None
    entry = journal.record(case, action, f"{zh(journal.ACTIONS[action])}：{content.title}",
                           {"path": path, "view": name})
    annotations = IAnnotations(case)
    safeWrite(annotations[journal.ANNOTATION_KEY], request)
    safeWrite(annotations[journal.ANNOTATION_KEY][-1], request)
    if hasattr(aq_base(annotations), "_p_jar"):
        safeWrite(annotations, request)
    return entry
