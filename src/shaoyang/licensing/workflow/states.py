"""Groups of workflow states, as the specification names them (``groups:`` in
``workflows/<id>.yaml``). Code asks for a group by name and never lists states itself, so a
state added to the YAML is placed once, there (spec.load refuses a state in no group)."""

from shaoyang.licensing.workflow.spec import load
from shaoyang.licensing.workflow.spec import specs_dir

import functools


CASE_WORKFLOW = "case_workflow"


@functools.cache
def workflow_spec(workflow_id=CASE_WORKFLOW):
    """The checked specification of ``workflow_id`` (read once per process)."""
    return load(specs_dir() / f"{workflow_id}.yaml")


def case_states(group):
    """The states of ``case_workflow`` in ``group`` (e.g. ``"open"``), in the spec's order."""
    try:
        return workflow_spec().groups[group]
    except KeyError:
        raise KeyError(f"case_workflow has no state group {group!r}") from None


def transition_targets(workflow_id=CASE_WORKFLOW):
    """``{transition id: new state}`` of a workflow, in the spec's order."""
    return {t.id: t.new_state for t in workflow_spec(workflow_id).transitions}


def state_ids(workflow_id=CASE_WORKFLOW):
    """Every state of a workflow, in the spec's order."""
    return tuple(s.id for s in workflow_spec(workflow_id).states)
