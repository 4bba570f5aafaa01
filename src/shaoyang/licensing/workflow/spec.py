"""Read a workflow specification (``workflows/<id>.yaml``) and render its DCWorkflow ``definition.xml``.

The YAML is what people review; the XML is what GenericSetup imports. ``render`` is
deterministic, so a test can regenerate the XML and compare it with the committed file.

Run ``python -m shaoyang.licensing.workflow.spec --write`` (``make workflows``) after editing a spec.
"""

from dataclasses import dataclass
from pathlib import Path
from shaoyang.licensing import _
from shaoyang.licensing.i18n import zh
from shaoyang.licensing.roles import CHAIN_ROLES
from xml.sax.saxutils import quoteattr
from xml.sax.saxutils import escape

import sys
import yaml


PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROFILE_WORKFLOWS = PACKAGE_DIR / "profiles" / "default" / "workflows"

# Roles a spec may name: Plone's own and those of the responsibility chain (glossary).
KNOWN_ROLES = (
    "Anonymous",
    "Authenticated",
    "Member",
    "Manager",
    "Site Administrator",
    "Owner",
    "Editor",
    "Contributor",
    "Reader",
    *CHAIN_ROLES,
    "DepartmentMember",
)

# A guard with `preconditions: true` asks chain/preconditions.py too (data checks with reasons).
PRECONDITION_EXPRESSION = "python:here.restrictedTraverse('@@case-preconditions').allowed('{}')"


class SpecError(ValueError):
    """The specification is inconsistent; the message names the state, transition or role."""


@dataclass(frozen=True)
class State:
    id: str
    title: str
    description: str
    transitions: tuple
    permissions: dict  # permission -> tuple of roles, sorted


@dataclass(frozen=True)
class Transition:
    id: str
    title: str
    description: str
    new_state: str
    guard_roles: tuple
    guard_permissions: tuple
    guard_expression: str


@dataclass(frozen=True)
class WorkflowSpec:
    id: str
    title: str
    description: str
    initial_state: str
    permissions: tuple
    states: tuple
    transitions: tuple
    groups: dict  # group name -> tuple of state ids, in the order of ``states``

    def state(self, state_id):
        return next(s for s in self.states if s.id == state_id)


def specs_dir():
    """The ``workflows/`` folder of the checkout the add-on runs from."""
    for parent in PACKAGE_DIR.parents:
        candidate = parent / "workflows"
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    raise SpecError(zh(_("cat_workflow_specs_not_found", default="找不到工作流规格目录 workflows/")))


def _expand(names, role_sets, where, seen=()):
    roles = set()
    for name in names or ():
        if name in role_sets:
            if name in seen:
                raise SpecError(f"{where}: role set {name} refers to itself")
            roles |= _expand(role_sets[name], role_sets, where, seen + (name,))
        elif name in KNOWN_ROLES:
            roles.add(name)
        else:
            raise SpecError(f"{where}: unknown role or role set {name!r}")
    return roles


def load(path):
    """The checked specification read from a YAML file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    role_sets = data.get("role_sets") or {}
    permissions = tuple(data["permissions"])
    transitions = []
    for tid, t in data["transitions"].items():
        guard = t.get("guard") or {}
        roles = _expand(guard.get("roles"), role_sets, f"transition {tid}")
        transitions.append(
            Transition(
                tid,
                t["title"],
                t.get("description", ""),
                t["new_state"],
                tuple(sorted(roles)),
                tuple(guard.get("permissions") or ()),
                guard.get("expression", "")
                or (PRECONDITION_EXPRESSION.format(tid) if guard.get("preconditions") else ""),
            )
        )
    transition_ids = {t.id for t in transitions}
    states = []
    for sid, s in data["states"].items():
        given = s.get("permissions") or {}
        missing = [p for p in permissions if p not in given]
        extra = [p for p in given if p not in permissions]
        if missing or extra:
            raise SpecError(f"state {sid}: permissions missing {missing}, not managed {extra}")
        for tid in s.get("transitions") or ():
            if tid not in transition_ids:
                raise SpecError(f"state {sid}: unknown transition {tid}")
        states.append(
            State(
                sid,
                s["title"],
                s.get("description", ""),
                tuple(s.get("transitions") or ()),
                {
                    p: tuple(sorted(_expand(given[p], role_sets, f"state {sid} {p}")))
                    for p in permissions
                },
            )
        )
    state_ids = {s.id for s in states}
    for t in transitions:
        if t.new_state not in state_ids:
            raise SpecError(f"transition {t.id}: unknown new_state {t.new_state}")
    if data["initial_state"] not in state_ids:
        raise SpecError(f"unknown initial_state {data['initial_state']}")
    groups = _groups(data.get("groups"), [s.id for s in states])
    return WorkflowSpec(
        data["id"],
        data["title"],
        data.get("description", ""),
        data["initial_state"],
        permissions,
        tuple(states),
        tuple(transitions),
        groups,
    )


def _groups(given, state_ids):
    """The spec's state groups, checked: known states only, and (where the spec has groups at
    all) every state placed in one at least."""
    if not given:
        return {}
    for name, members in given.items():
        unknown = [m for m in members or () if m not in state_ids]
        if unknown:
            raise SpecError(f"group {name}: unknown states {unknown}")
    placed = {m for members in given.values() for m in members or ()}
    unplaced = [sid for sid in state_ids if sid not in placed]
    if unplaced:
        raise SpecError(f"states in no group: {unplaced} (add them under groups:)")
    return {name: tuple(sid for sid in state_ids if sid in (members or ())) for name, members in given.items()}


def _guard(t):
    lines = ["    <guard>"]
    lines += [f"      <guard-permission>{escape(p)}</guard-permission>" for p in t.guard_permissions]
    lines += [f"      <guard-role>{escape(r)}</guard-role>" for r in t.guard_roles]
    if t.guard_expression:
        lines.append(f"      <guard-expression>{escape(t.guard_expression)}</guard-expression>")
    lines.append("    </guard>")
    return lines


def action_url(spec, transition):
    """Case steps open the parameter form (chain/form.py); others use Plone's own view."""
    if spec.id == "case_workflow":
        return f"%(content_url)s/@@case-transition?transition={transition.id}"
    return f"%(content_url)s/content_status_modify?workflow_action={transition.id}"


def render(spec):
    """The DCWorkflow ``definition.xml`` text of ``spec``."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated from workflows/%s.yaml by `make workflows`: edit the YAML, not this file. -->"
        % spec.id,
        '<dc-workflow xmlns:i18n="http://xml.zope.org/namespaces/i18n"',
        f"             description={quoteattr(spec.description)}",
        f"             initial_state={quoteattr(spec.initial_state)}",
        '             state_variable="review_state"',
        f"             title={quoteattr(spec.title)}",
        f"             workflow_id={quoteattr(spec.id)}",
        '             i18n:attributes="title; description"',
        '             i18n:domain="shaoyang.licensing">',
    ]
    out += [f"  <permission>{escape(p)}</permission>" for p in spec.permissions]
    for s in spec.states:
        out.append(f'  <state state_id={quoteattr(s.id)} title={quoteattr(s.title)} i18n:attributes="title">')
        out.append(f"    <description>{escape(s.description)}</description>")
        out += [f'    <exit-transition transition_id="{t}" />' for t in s.transitions]
        for p in spec.permissions:
            out.append(f'    <permission-map acquired="False" name={quoteattr(p)}>')
            out += [f"      <permission-role>{escape(r)}</permission-role>" for r in s.permissions[p]]
            out.append("    </permission-map>")
        out.append("  </state>")
    for t in spec.transitions:
        out += [
            f'  <transition transition_id="{t.id}" title={quoteattr(t.title)} new_state="{t.new_state}"',
            '              trigger="USER" before_script="" after_script="" i18n:attributes="title">',
            f"    <description>{escape(t.description)}</description>",
            f'    <action category="workflow" url="{action_url(spec, t)}"'
            f">{escape(t.title)}</action>",
        ]
        out += _guard(t)
        out.append("  </transition>")
    out += _VARIABLES
    out.append("</dc-workflow>")
    return "\n".join(out) + "\n"


# The standard history variables every Plone workflow keeps (who, what, when, comment).
_VARIABLES = [
    f'  <variable variable_id="{vid}" for_catalog="False" for_status="True" update_always="True">'
    f"\n    <description>{desc}</description>"
    f"\n    <default><expression>{expr}</expression></default>"
    "\n    <guard></guard>\n  </variable>"
    for vid, desc, expr in (
        ("action", "Previous transition", "transition/getId|nothing"),
        ("actor", "The ID of the user who performed the previous transition", "user/getId"),
        ("comments", "Comment about the last transition", "python:state_change.kwargs.get('comment', '')"),
        ("review_history", "Provides access to workflow history", "state_change/getHistory"),
        ("time", "When the previous transition was performed", "state_change/getDateTime"),
    )
]


def definition_path(workflow_id):
    return PROFILE_WORKFLOWS / workflow_id / "definition.xml"


def all_specs():
    return [load(p) for p in sorted(specs_dir().glob("*.yaml"))]


def main(argv=None):
    """``--write`` regenerates every definition.xml; ``--check`` exits 1 if one differs."""
    argv = argv if argv is not None else sys.argv[1:]
    stale = []
    for spec in all_specs():
        path = definition_path(spec.id)
        text = render(spec)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if "--write" in argv:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path}")
    if stale and "--write" not in argv:
        print("out of date: " + ", ".join(map(str, stale)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
