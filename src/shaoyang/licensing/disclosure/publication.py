"""Confidentiality review (保密审查) and publication (公示) of a decision (R4.4, R5.2-R5.4).

Both are stored on the decision (annotation ``shaoyang.licensing.disclosure``) and journaled
on its case. A decision may be published only when

* its case has a decision (state decided, delivered, closed or archived),
* neither the case nor the decision is a state secret (秘密/机密/绝密: never, R5.2),
* the decision is 主动公开, or it is a grant (Art. 40: grants are public),
* the latest confidentiality review passed, and was made on the decision as it is now (a
  decision changed after its review needs a new one).

A correction is a new review and publication of a changed decision; a withdrawal removes it
from the public index. Every change of the index goes through ``index.queue`` (after commit).
"""

from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from shaoyang.licensing import _
from shaoyang.licensing.case import journal
from shaoyang.licensing.case.classification import DISCLOSURE_TITLES
from shaoyang.licensing.case.classification import LEVEL_TITLES
from shaoyang.licensing.case.classification import SECRET_LEVELS
from shaoyang.licensing.case.casefile import find_case
from shaoyang.licensing.disclosure import public_index as index
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.validation import today
from shaoyang.licensing.workflow.states import case_states
from zope.annotation.interfaces import IAnnotations
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.case.records import IDecision

import datetime
import hashlib
import json


ANNOTATION_KEY = "shaoyang.licensing.disclosure"
# result → its title, a message: zh() where it is stored and journaled (record_review).
RESULTS = {"pass": _("case_review_pass", default="通过"), "fail": _("case_review_fail", default="未通过")}
PUBLISH_WITHIN_WORKING_DAYS = 7  # R5.3 (双公示); registry record overrides


class DisclosureRefused(ValueError):
    """Refused with reasons in Chinese (``args[0]`` is the list)."""
    def __init__(self, reasons):
        super().__init__(reasons)
        self.reasons = list(reasons)

    def __str__(self):
        return "；".join(self.reasons)


def data(decision, create=False):
    annotations = IAnnotations(decision)
    if ANNOTATION_KEY not in annotations:
        if not create:
            return {"reviews": [], "publication": None, "history": []}
        annotations[ANNOTATION_KEY] = PersistentMapping(
            reviews=PersistentList(), publication=None, history=PersistentList(), version=0
        )
    return annotations[ANNOTATION_KEY]


def _user():
    user = api.user.get_current()
    userid = user.getId() if user is not None else ""
    name = (user.getProperty("fullname", "") if user is not None else "") or userid
    return userid, name


def _now():
    return datetime.datetime.now().isoformat(timespec="seconds")


def fingerprint(decision, case):
    """Digest of what would be published (dates of publication left out)."""
    document = index.public_document(decision, case, None, 0)
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _journal(case, decision, summary, details):
    details = {"path": "/".join(decision.getPhysicalPath()), "document_number": decision.document_number, **details}
    journal.record(case, "document", summary, details)


def record_review(decision, result, note="", date=None):
    """Record a confidentiality review by the current user; returns the review."""
    case = find_case(decision)
    problems = []
    if result not in RESULTS:
        problems.append(zh(_("case_review_error_result", default="审查结论须为“通过”（pass）或“未通过”（fail）")))
    note = (note or "").strip()
    if result == "fail" and len(note) < 4:
        problems.append(zh(_("case_review_error_note", default="审查未通过时须写明理由（不少于4个字）")))
    if isinstance(date, str) and date:
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError:
            problems.append(zh(_("case_review_error_bad_date", default="审查日期“${date}”无效，请按 年-月-日 填写"),
                               date=date))
    date = date or today()
    if isinstance(date, datetime.date) and date > today():
        problems.append(zh(_("case_review_error_future", default="审查日期不能晚于今天")))
    if case is None:
        problems.append(zh(_("case_disclosure_not_in_case", default="该决定不在案卷中")))
    if problems:
        raise DisclosureRefused(problems)
    userid, name = _user()
    review = {
        "reviewer": userid,
        "reviewer_name": name,
        "date": date.isoformat(),
        "result": result,
        "result_title": zh(RESULTS[result]),
        "note": note,
        "recorded": _now(),
        "fingerprint": fingerprint(decision, case),
    }
    data(decision, create=True)["reviews"].append(PersistentMapping(review))
    summary = zh(_("case_journal_review", default="保密审查（${result}）：${title}"),
                 result=review["result_title"], title=decision.title)
    _journal(case, decision, summary, {"review": dict(review)})
    return review


def grounds_against(decision):
    """Why ``decision`` may never be published as it stands, whatever a review says: no
    decision yet, a state secret, a disclosure attribute that forbids it ([] when none)."""
    case = find_case(decision)
    if case is None:
        return [zh(_("case_disclosure_not_in_case", default="该决定不在案卷中"))]
    reasons = []
    state = api.content.get_state(case)
    if state not in case_states("decided"):
        wf = api.portal.get_tool("portal_workflow").getWorkflowsFor(case)[0]
        title = wf.states[state].title if state in wf.states else state
        reasons.append(zh(_("case_disclosure_not_decided", default="案件尚未作出决定（当前状态：${state}），不能公示"),
                          state=title))
    levels = [getattr(obj, "classification", None) for obj in (case, decision)]
    secret = [lvl for lvl in levels if lvl in SECRET_LEVELS]
    if secret:
        reasons.append(zh(_("case_disclosure_secret", default="涉及国家秘密（${level}）的决定一律不得公开（R5.2）"),
                          level=LEVEL_TITLES[secret[0]]))
    disclosure = getattr(decision, "disclosure", None)
    if disclosure != "proactive" and decision.outcome != "grant":
        reasons.append(zh(
            _("case_disclosure_not_proactive", default="决定的公开属性为“${disclosure}”，只有“主动公开”的决定或准予许可决定可以公示"),
            disclosure=DISCLOSURE_TITLES.get(disclosure, disclosure),
        ))
    return reasons


def refusals(decision):
    """Why ``decision`` may not be published now ([] when it may)."""
    reasons = grounds_against(decision)
    case = find_case(decision)
    if case is None:
        return reasons
    reviews = list(data(decision)["reviews"])
    if not reviews:
        reasons.append(zh(_("case_disclosure_no_review", default="尚未进行保密审查，公示前须记录保密审查（R5.4）")))
    else:
        last = reviews[-1]
        if last["result"] != "pass":
            reasons.append(zh(_("case_disclosure_review_failed", default="最近一次保密审查未通过（${reviewer}，${date}：${note}）"),
                              reviewer=last["reviewer_name"], date=last["date"], note=last["note"]))
        elif last["fingerprint"] != fingerprint(decision, case):
            reasons.append(zh(_("case_disclosure_changed_since_review", default="保密审查后决定内容已有改动，须重新进行保密审查")))
    publication = data(decision)["publication"]
    if not reasons and publication and publication.get("state") == "published":
        if publication.get("fingerprint") == fingerprint(decision, case):
            reasons.append(zh(_("case_disclosure_unchanged", default="该决定已公示，内容没有变化，无需重新公示")))
    return reasons


def _next_version(decision):
    store = data(decision, create=True)
    store["version"] = store.get("version", 0) + 1
    return store["version"]


def _due(decision):
    """R5.3: the last day for publication (7 working days after the decision), or None."""
    if not decision.decision_date:
        return None
    days = api.portal.get_registry_record(
        "shaoyang.licensing.disclosure.publish_within_working_days", default=PUBLISH_WITHIN_WORKING_DAYS
    )
    try:
        deadline = WorkingCalendar.from_registry().add_working_days(decision.decision_date, days)
    except Exception:  # no usable holiday table: say nothing rather than guess
        return None
    return None if deadline.provisional else deadline.due


def publish(decision, published=None):
    """Publish (or re-publish a corrected) decision; returns the publication record.

    ``published`` (a date, default today) is for records of the past only: the demo data and
    archives moved in from an older system. Staff (REST, forms) always publish today."""
    index.send_pending()
    reasons = refusals(decision)
    if published is not None and not (decision.decision_date or published) <= published <= today():
        reasons.append(zh(_("case_disclosure_bad_publication_date", default="公示日期 ${date} 不得早于决定日期，也不得晚于今天"),
                          date=published.isoformat()))
    if reasons:
        raise DisclosureRefused(reasons)
    case = find_case(decision)
    store = data(decision, create=True)
    previous = store["publication"]
    correction = bool(previous and previous.get("state") == "published")
    first = previous.get("first_published") if previous else None
    published = published or today()
    version = _next_version(decision)
    document = index.public_document(
        decision, case, published, version, corrected_date=published if correction else None
    )
    userid, name = _user()
    due = _due(decision)
    publication = {
        "state": "published",
        "published_date": published.isoformat(),
        "first_published": first or published.isoformat(),
        "published_by": userid,
        "published_by_name": name,
        "corrected": correction or bool(first),
        "version": version,
        "fingerprint": fingerprint(decision, case),
        "review": dict(store["reviews"][-1]),
        "due": due.isoformat() if due else None,
        "late": bool(due and published > due),
        "document": document,
    }
    store["publication"] = PersistentMapping(publication)
    store["history"].append(PersistentMapping(action="correct" if correction else "publish", time=_now(),
                                              actor=userid, version=version))
    if correction:
        summary = zh(_("case_journal_correction", default="更正公示：${title}"), title=decision.title)
    else:
        summary = zh(_("case_journal_publication", default="公示决定：${title}"), title=decision.title)
    _journal(case, decision, summary, {"version": version, "published_date": publication["published_date"]})
    index.queue(api.content.get_uuid(decision), "index", version, document)
    return publication


def withdraw(decision, reason, automatic=False):
    """Take a published decision off the public index; returns the publication record."""
    index.send_pending()
    reason = (reason or "").strip()
    problems = []
    publication = data(decision)["publication"]
    if not publication or publication.get("state") != "published":
        problems.append(zh(_("case_disclosure_not_published", default="该决定未公示，无需撤回")))
    if len(reason) < 4:
        problems.append(zh(_("case_disclosure_withdrawal_reason", default="撤回公示须写明理由（不少于4个字）")))
    if problems:
        raise DisclosureRefused(problems)
    case = find_case(decision)
    userid, name = _user()
    version = _next_version(decision)
    publication["state"] = "withdrawn"
    publication["withdrawn_date"] = today().isoformat()
    publication["withdrawn_by"] = userid
    publication["withdrawn_by_name"] = name
    publication["withdraw_reason"] = reason
    publication["version"] = version
    store = data(decision)
    store["history"].append(PersistentMapping(action="withdraw", time=_now(), actor=userid,
                                              version=version, reason=reason))
    _journal(case, decision, zh(_("case_journal_withdrawal", default="撤回公示：${title}"), title=decision.title),
             {"version": version, "reason": reason, "automatic": automatic})
    index.queue(api.content.get_uuid(decision), "delete", version)
    return dict(publication)


def status(decision):
    """What staff see of a decision's disclosure: reviews, publication, whether publishable."""
    store = data(decision)
    publication = dict(store["publication"]) if store["publication"] else None
    uid = api.content.get_uuid(decision)
    queued = index.outbox().get(uid)
    return {
        "document_number": decision.document_number,
        "reviews": [dict(r) for r in store["reviews"]],
        "publication": publication,
        "history": [dict(h) for h in store["history"]],
        "publishable": not refusals(decision),
        "refusals": refusals(decision),
        "index_pending": bool(queued and not index.is_confirmed(queued)),
    }


def withdraw_if_secret(obj, event):
    """A decision that becomes secret (itself or its case) leaves the public index at once."""
    if ICaseFile.providedBy(obj):
        decisions = [d for d in obj.objectValues() if IDecision.providedBy(d)]
    elif IDecision.providedBy(obj):
        decisions = [obj]
    else:
        return
    for decision in decisions:
        publication = data(decision)["publication"]
        if not publication or publication.get("state") != "published":
            continue
        case = find_case(decision)
        if any(getattr(o, "classification", None) in SECRET_LEVELS for o in (case, decision)):
            withdraw(decision, zh(_("case_disclosure_withdrawn_as_secret", default="密级变更为涉及国家秘密，自动撤回公示")),
                     automatic=True)
