"""What changes on a case with the passing of time alone, brought to the catalog and the index.

Two things a case's stored, indexed facts cannot follow by themselves, because nothing is
committed when they change:

* **substitution periods** (顶岗补位): the local role provider gives a substitute the holder's
  roles only within the period, so object access is right at every moment; but the catalog's
  ``allowedRolesAndUsers`` (and the search index built like it) keeps the roles of the moment
  the case was last indexed. A substitute whose period ended would still find the case in
  searches; one whose period began would not. Each case indexes its next boundary
  (``next_security_change``) and the daily run re-indexes the security of those now passed.
* **clock statuses** (on time, due soon, overdue): stored with the due dates after each step
  (case/due_dates.py) and indexed (``overdue``); a running case becomes due soon or late
  at midnight. The daily run recomputes the clocks of running cases and re-indexes the
  changed ones.

Both re-indexings go through Plone's indexing queue, so the search outbox follows them
(search/outbox.py). ``scripts/daily`` runs this once a day (cron), before the digest.
"""

from DateTime import DateTime
from plone.indexer import indexer
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.case.due_dates import store_due_dates
from shaoyang.licensing.case.responsibility import assignments
from shaoyang.licensing.workflow.states import case_states

import datetime
import time
import transaction


def security_boundaries(case):
    """Start and end moments of the case's substitutions that are not revoked."""
    moments = []
    for entry in assignments(case):
        if entry.get("revoked_at") is None:
            for key in ("valid_from", "valid_until"):
                if entry.get(key):
                    moments.append(datetime.datetime.fromisoformat(entry[key]))
    return sorted(moments)


def next_security_change_of(case, now=None):
    now = now or datetime.datetime.now()
    return next((m for m in security_boundaries(case) if m > now), None)


@indexer(ICaseFile)
def next_security_change(case):
    moment = next_security_change_of(case)
    if moment is None:
        raise AttributeError("next_security_change")  # nothing ahead: not in the index
    return _date_time(moment)


def _date_time(moment):
    """The same conversion for what is indexed and what is asked (naive = the site's local time)."""
    return DateTime(moment.isoformat())


def refresh(site, today=None, say=print, commit_every=100):
    """Re-index the security of cases whose substitution boundary has passed, and the clocks
    of running cases whose statuses changed on ``today`` (default: today). Returns
    ``{"security": n, "clocks": n}``.

    Substitution periods are always judged at this moment: the local role provider that
    re-indexing asks knows no other time."""
    now = datetime.datetime.now()
    today = today or now.date()
    catalog = site.portal_catalog
    counts = {"security": 0, "clocks": 0}
    started = time.monotonic()

    passed = catalog.unrestrictedSearchResults(
        portal_type="CaseFile",
        next_security_change={"query": _date_time(now), "range": "max"},
    )
    for n, brain in enumerate(passed, 1):
        case = brain._unrestrictedGetObject()
        case.reindexObjectSecurity()
        case.reindexObject(idxs=["next_security_change"])
        counts["security"] += 1
        if n % commit_every == 0:
            transaction.commit()
    say(f"substitution periods begun or ended: {counts['security']} cases re-indexed")

    running = [b for b in catalog.unrestrictedSearchResults(portal_type="CaseFile") if b.review_state not in case_states("settled")]
    total = len(running)
    for n, brain in enumerate(running, 1):
        case = brain._unrestrictedGetObject()
        if store_due_dates(case, today):
            case.reindexObject(idxs=["decision_due", "overdue"])
            counts["clocks"] += 1
        if n % commit_every == 0:
            transaction.commit()
            say(f"clocks: {n}/{total} running cases ({n / max(time.monotonic() - started, 1e-6):.0f}/s)")
    transaction.get().note("daily: substitution periods and clock statuses")
    transaction.commit()
    say(f"clocks: {total} running cases, {counts['clocks']} changed status")
    return counts
