"""The two deadline settings the city sets (registry: profiles/default/registry/deadlines.xml).

Read with a fallback to the default, so a site installed before the records existed still
computes deadlines (until an upgrade step adds the records).
"""

from plone import api

DUE_SOON_RECORD = "shaoyang.licensing.deadlines.due_soon_days"
FOLLOWUP_RECORD = "shaoyang.licensing.deadlines.followup_days"

DEFAULT_DUE_SOON_DAYS = 3
DEFAULT_FOLLOWUP_DAYS = 15  # R6.3: set locally; 15 working days is the usual choice


def _record(name, default):

    value = api.portal.get_registry_record(name, default=None)
    return default if value is None else value


def due_soon_days():
    """Working days before the due date from which a clock shows 即将到期."""
    return _record(DUE_SOON_RECORD, DEFAULT_DUE_SOON_DAYS)


def followup_days():
    """Working days to follow up and rectify a real-name bad review (R6.3)."""
    return _record(FOLLOWUP_RECORD, DEFAULT_FOLLOWUP_DAYS)
