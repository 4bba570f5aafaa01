"""Receipt numbers and decision document numbers: per agency and year, sequential, no gaps.

Each (kind, agency, year) has its own persistent counter. The counter deliberately has no
conflict resolution: two transactions that take a number at once conflict, ZODB aborts one,
and the publisher retries it from the start, so it takes the next number. A number is taken
inside the transaction that files the record, so an aborted filing gives its number back:
no duplicates, no gaps.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone import api
from shaoyang.licensing.departments import department
from zope.annotation.interfaces import IAnnotations

import secrets


ANNOTATION_KEY = "shaoyang.licensing.sequences"
KINDS = ("receipt", "decision")


class Counter(Persistent):
    """The last number handed out (no _p_resolveConflict: concurrent takes must conflict)."""

    def __init__(self):
        self.value = 0


def _counters():
    annotations = IAnnotations(api.portal.get())
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = OOBTree()
    return annotations[ANNOTATION_KEY]


def take_number(kind, agency, year):
    """The next number of ``kind`` for ``agency`` in ``year`` (1, 2, 3 …)."""
    if kind not in KINDS:
        raise ValueError(kind)
    counters = _counters()
    key = (kind, agency, int(year))
    counter = counters.get(key)
    if counter is None:
        counter = counters[key] = Counter()
    counter.value += 1
    return counter.value


def last_number(kind, agency, year):
    counter = _counters().get((kind, agency, int(year)))
    return counter.value if counter is not None else 0


def format_receipt_number(agency, year, number):
    """受理编号, e.g. ``XZSP-2026-00001``: ASCII, so it is typed and searched exactly."""
    return f"{agency.upper()}-{year}-{number:05d}"


def format_document_number(agency, year, number):
    """决定书文号 in the official form, e.g. ``邵市监许〔2026〕12号`` (no padding, GB/T 9704)."""
    # The number's official form (GB/T 9704) is an identifier, stored and searched exactly.
    return f"{department(agency)['doc_prefix']}许〔{year}〕{number}号"  # i18n: data


def new_receipt_number(agency, year):
    return format_receipt_number(agency, year, take_number("receipt", agency, year))


def new_document_number(agency, year):
    return format_document_number(agency, year, take_number("decision", agency, year))


QUERY_CODE_DIGITS = 6


def new_query_code():
    """The applicant's query code for the progress lookup (case/progress.py): six random digits
    (``secrets``: not guessable from the receipt number)."""
    return f"{secrets.randbelow(10 ** QUERY_CODE_DIGITS):0{QUERY_CODE_DIGITS}d}"
