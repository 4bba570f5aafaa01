"""1001 → 1002: navigation tabs for staff search (案卷检索) and the public decisions page
(决定公示); until then both pages were reachable only by their address."""

PROFILE = "profile-shaoyang.licensing:default"


def add_search_tabs(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "actions")
