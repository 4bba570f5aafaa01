"""Demo data, last step: the disclosure officer reviews and publishes the demo decisions.

Without it the demo's public page (决定公示) would be empty. Each decision that may be made
public at all (``publication.grounds_against``: decided, not a state secret, a grant or
主动公开) gets a confidentiality review on the working day after the decision and is
published the working day after that (R5.3: within 7), as the demo's disclosure officer, so
the public index holds what a year of real work would have put there, masked per R5.4.
"""

from plone import api
from shaoyang.licensing.case.records import IDecision
from shaoyang.licensing.disclosure import publication
from shaoyang.licensing.deadlines.calendar import WorkingCalendar
from shaoyang.licensing.validation import today

import time


OFFICER = "zhaomin"  # 赵敏, 信息公开员 (profiles/city/staff.yaml)
REVIEW_NOTE = "已核对决定书内容：不涉及国家秘密，自然人姓名、身份证号、电话、住址按规定脱敏后公示。"


def publishable(portal):
    """Decisions of the site's cases that have never been published and may be."""
    found = []
    for brain in portal.portal_catalog.unrestrictedSearchResults(portal_type="Decision", sort_on="created"):
        decision = brain._unrestrictedGetObject()
        if IDecision.providedBy(decision) and publication.data(decision)["publication"] is None \
                and not publication.grounds_against(decision):
            found.append(decision)
    return found


def publish_decisions(portal, officer=OFFICER, say=print):
    """Review and publish every publishable decision as ``officer``; returns how many.
    The public index learns of them when the caller commits (one bulk request)."""
    calendar = WorkingCalendar.from_registry()
    decisions = publishable(portal)
    started = time.monotonic()
    with api.env.adopt_user(username=officer):
        for n, decision in enumerate(decisions, 1):
            reviewed = min(calendar.add_working_days(decision.decision_date, 1).due, today())
            published = min(calendar.add_working_days(decision.decision_date, 2).due, today())
            publication.record_review(decision, "pass", REVIEW_NOTE, date=reviewed)
            publication.publish(decision, published=published)
            if n % 50 == 0 or n == len(decisions):
                say(f"published {n}/{len(decisions)} decisions ({n / max(time.monotonic() - started, 1e-6):.0f}/s)")
    return len(decisions)
