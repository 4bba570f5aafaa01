"""1000 → 1001: the catalog index ``next_security_change`` (case/daily.py), filled for the
cases a site already holds, so the daily run finds their substitution boundaries."""

from shaoyang.licensing.upgrades import PROFILE
from shaoyang.licensing.upgrades import reindex_cases


def add_next_security_change(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "catalog")
    reindex_cases("next_security_change", "1001")
