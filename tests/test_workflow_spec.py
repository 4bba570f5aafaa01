"""workflows/*.yaml and the GenericSetup XML agree; the installed site grants what the spec says."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from shaoyang.licensing.workflow import spec as wfspec
from shaoyang.licensing.workflow import states

import pytest


SPECS = wfspec.all_specs()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_committed_xml_is_generated_from_spec(spec):
    """Run `make workflows` when this fails."""
    path = wfspec.definition_path(spec.id)
    assert path.read_text(encoding="utf-8") == wfspec.render(spec)


def test_check_command_reports_drift(tmp_path, monkeypatch):
    monkeypatch.setattr(wfspec, "PROFILE_WORKFLOWS", tmp_path)
    assert wfspec.main(["--check"]) == 1
    assert wfspec.main(["--write"]) == 0
    assert wfspec.main(["--check"]) == 0


def test_unknown_role_in_spec_is_rejected(tmp_path):
    source = (wfspec.specs_dir() / "licensing_item_workflow.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.replace("[admins, Owner]", "[admins, Boss]"), encoding="utf-8")
    with pytest.raises(wfspec.SpecError, match="Boss"):
        wfspec.load(broken)


def test_missing_permission_in_a_state_is_rejected(tmp_path):
    source = (wfspec.specs_dir() / "licensing_item_workflow.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.replace("      Delete objects: []\n", "", 1), encoding="utf-8")
    with pytest.raises(wfspec.SpecError, match="Delete objects"):
        wfspec.load(broken)


def _matrix(spec):
    for state in spec.states:
        for permission in spec.permissions:
            yield spec, state, permission


@pytest.mark.parametrize(
    "spec,state,permission",
    [case for spec in SPECS for case in _matrix(spec)],
    ids=lambda v: getattr(v, "id", v),
)
def test_permission_matrix_of_installed_workflow(portal, spec, state, permission):
    """Every state × permission of the imported workflow holds exactly the spec's roles."""
    workflow = api.portal.get_tool("portal_workflow")[spec.id]
    installed = workflow.states[state.id].getPermissionInfo(permission)
    assert installed["acquired"] == 0
    assert sorted(installed["roles"]) == list(state.permissions[permission])


def test_item_workflow_runs_on_content(portal):
    """The transitions work on real content, and role guards hold (Reader may not abolish)."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setChainForPortalTypes(["Document"], "licensing_item_workflow")
    setRoles(portal, TEST_USER_ID, ["Manager"])
    doc = api.content.create(container=portal, type="Document", id="item", title="事项")
    assert api.content.get_state(doc) == "draft"
    api.content.transition(doc, transition="make_effective")
    assert api.content.get_state(doc) == "effective"
    # Anonymous may view an effective item (its service guide is public).
    assert "Anonymous" in [r["name"] for r in doc.rolesOfPermission("View") if r["selected"]]
    setRoles(portal, TEST_USER_ID, ["Reader"])
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(doc, transition="abolish")
    setRoles(portal, TEST_USER_ID, ["Editor"])
    api.content.transition(doc, transition="abolish")
    assert api.content.get_state(doc) == "abolished"
    assert not [r for r in doc.rolesOfPermission("Modify portal content") if r["selected"]]


def test_a_state_in_no_group_is_refused(tmp_path):
    """Code asks for groups of states (workflow/states.py), never for states by name: a state
    added to the YAML must be placed in a group, or the specification does not load."""
    text = (wfspec.specs_dir() / "case_workflow.yaml").read_text(encoding="utf-8")
    hearing = (
        "states:\n  hearing:\n    title: 听证中\n    transitions: [resume]\n"
        "    permissions: *review\n"
    )
    # A new state after the ones it refers to (YAML anchors must come first).
    broken = text.replace("\ntransitions:\n", "\n" + hearing.replace("states:\n", "") + "\ntransitions:\n", 1)
    path = tmp_path / "case_workflow.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(wfspec.SpecError, match=r"states in no group: \['hearing'\]"):
        wfspec.load(path)
    placed = broken.replace("  open: [accepted, under_review, suspended, pending_decision]",
                            "  open: [accepted, under_review, suspended, pending_decision, hearing]")
    path.write_text(placed, encoding="utf-8")
    assert "hearing" in wfspec.load(path).groups["open"]


def test_the_groups_code_asks_for():
    assert states.case_states("open") == ("accepted", "under_review", "suspended", "pending_decision")
    assert states.case_states("settled") == ("rejected", "withdrawn", "closed", "archived")
    assert set(states.case_states("finished")) < set(states.case_states("decided"))
    with pytest.raises(KeyError, match="no state group"):
        states.case_states("nonsense")
