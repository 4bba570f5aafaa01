"""Demo cases, second half: file planned specs into a site through the real workflow.

``file_cases(portal, specs)`` creates the content as a Manager, validating every record against
its schema first (fields and invariants, as a form or plone.restapi would), and takes each
transition through portal_workflow with its parameters, so the demo data obeys the same rules
as data typed in by staff: preconditions apply even where the admin's role passes.
The plan itself is made by ``demo/cases.py`` (pure data, no site).
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from shaoyang.licensing.demo.cases import STAGES
from shaoyang.licensing.demo.cases import TRANSITION_TARGETS
from shaoyang.licensing.demo.cases import WORKFLOW_STATES
from zope.interface import Invalid
from zope.schema import ValidationError
from Products.CMFCore.WorkflowCore import WorkflowException
from shaoyang.licensing.case.application import IApplication
from shaoyang.licensing.case.casefile import ICaseFile
from shaoyang.licensing.case.records import IDecision
from shaoyang.licensing.case.records import IDelivery
from shaoyang.licensing.case.records import IReviewOpinion
from shaoyang.licensing.supervision.content import IEvaluation
from shaoyang.licensing.case.repository import REPOSITORY_ID

import collections
import time
import transaction


class _Data:
    """What a form hands to schema invariants: the values, and the container as ``__context__``."""
    def __init__(self, values, context):
        self.__dict__.update(values)
        self.__context__ = context


def check_record(schema, values, context, cache=None):
    """Validate ``values`` against ``schema`` (fields, then invariants); ValueError if wrong.

    ``cache`` (a dict kept over a run) keeps choice fields bound to their named vocabularies:
    the catalogue's vocabulary of items in force is the same for every case of a run.
    """
    problems = []
    for name, value in values.items():
        field = schema.get(name)
        if field is None:
            problems.append(f"{name}：不是 {schema.__name__} 的字段")
            continue
        if value is None and not field.required:
            continue
        if cache is not None and getattr(field, "vocabularyName", None):
            key = (schema.__identifier__, name)
            if key not in cache:
                cache[key] = field.bind(context)
            bound = cache[key]
        else:
            bound = field.bind(context)
        try:
            bound.validate(value)
        except ValidationError as error:
            problems.append(f"{name}：{error.doc() if hasattr(error, 'doc') else error}")
    if not problems:
        errors = []
        try:
            schema.validateInvariants(_Data(values, context), errors)
        except Invalid:
            problems += [str(e) for e in errors]
    if problems:
        raise ValueError(f"{schema.__name__}：" + "；".join(problems))


def _take(case, step, workflow):
    """Take one planned transition with its parameters and comment, as ``@workflow`` would.

    ``doActionFor`` rather than ``api.content.transition``: the latter replaces the reasons
    of a refused step (preconditions, parameters) by a list of the transitions available.
    """
    params = dict(step["params"])
    if step.get("comment"):
        params["comment"] = step["comment"]
    workflow.doActionFor(case, step["do"], **params)
    # The handler dates a pause by the day the step is taken; a demo case lives in the past.
    suspensions = getattr(case, "suspensions", None)
    if suspensions and step["do"] == "suspend":
        suspensions[-1]["start"] = step["on"].isoformat()
    elif suspensions and step["do"] == "resume":
        suspensions[-1]["end"] = step["on"].isoformat()


def _default_flow(spec):
    """Records only, no transitions: for specs planned before the case workflow."""
    flow = [{"add": "application"}] + [{"add": "opinion", "n": n} for n in range(len(spec["opinions"]))]
    return flow + [{"add": key} for key in ("decision", "delivery", "evaluation") if spec[key]]


def file_case(repository, spec, validate=True, cache=None):
    """Create one planned case and take it along its ``flow``: records added and workflow
    transitions taken in the planned order, so every step meets its preconditions (R3, R4)
    just as it would for staff. Returns the case file; ValueError when a step is refused."""
    records = {"decision": ("Decision", IDecision), "delivery": ("Delivery", IDelivery), "evaluation": ("Evaluation", IEvaluation)}

    def create(container, type_name, schema, values):
        values = {k: v for k, v in values.items() if v is not None}
        if validate:
            check_record(schema, values, container, cache)
        # Not api.content.create: it insists on an id or a title, and either one would bypass
        # the name chooser that files the case (INameFromTitle takes the receipt number).
        # createContentInContainer chooses the name as plone.restapi does, before adding,
        # with the same add-permission and allowed-type checks and the same events.
        return createContentInContainer(container, type_name, checkConstraints=True, **values)

    workflow = api.portal.get_tool("portal_workflow")
    step = None
    try:
        case = create(repository, "CaseFile", ICaseFile, spec["case"])
        application = None
        for step in spec.get("flow") or _default_flow(spec):
            if "do" in step:
                _take(case, step, workflow)
            elif "update" in step:  # the applicant's supplement (补正)
                values = dict(spec["application"])
                if validate:
                    check_record(IApplication, {k: v for k, v in values.items() if v is not None}, case, cache)
                application.submitted_materials = list(values["submitted_materials"])
                application.reindexObject()
            elif step["add"] == "application":
                values = dict(spec["application"])
                if spec.get("first_materials") is not None:
                    values["submitted_materials"] = list(spec["first_materials"])
                application = create(case, "Application", IApplication, values)
            elif step["add"] == "opinion":
                create(case, "ReviewOpinion", IReviewOpinion, spec["opinions"][step["n"]])
            else:
                type_name, schema = records[step["add"]]
                create(case, type_name, schema, spec[step["add"]])
    except (ValueError, WorkflowException) as error:
        where = f"“{step['do']}”被拒绝：" if step and "do" in step and isinstance(error, WorkflowException) else ""
        raise ValueError(f"演示案件 #{spec['index']}（{spec['item_code']}，{spec['stage']}）：{where}{error}") from error
    return case


def record_counts(spec):
    counts = collections.Counter({"CaseFile": 1, "Application": 1, "ReviewOpinion": len(spec["opinions"])})
    for key, type_name in (("decision", "Decision"), ("delivery", "Delivery"), ("evaluation", "Evaluation")):
        if spec[key]:
            counts[type_name] += 1
    return counts


def file_cases(portal, specs, progress=None, commit_every=50, user="admin", validate=True):
    """File ``specs`` into ``portal['cases']`` as ``user`` (a Manager); commit every N cases.

    Each case is taken through the case workflow to its planned state; a case that ends
    elsewhere is an error. ``progress(done, total, elapsed_seconds)`` is called after each
    case. ``commit_every`` of 0 or None never commits (tests). Returns ``{"cases", "stages",
    "states", "transitions", "records", "seconds", "rate"}``.
    """
    repository = portal[REPOSITORY_ID]
    stages = collections.Counter()
    states = collections.Counter()
    transitions = collections.Counter()
    records = collections.Counter()
    started = time.monotonic()
    total = len(specs)
    cache = {}
    with api.env.adopt_user(username=user):
        for done, spec in enumerate(specs, 1):
            case = file_case(repository, spec, validate=validate, cache=cache)
            state = api.content.get_state(case)
            if spec.get("state") and state != spec["state"]:
                raise ValueError(
                    f"演示案件 #{spec['index']}（{spec['item_code']}，{spec['stage']}）："
                    f"流程状态为 {state}，计划为 {spec['state']}"
                )
            stages[spec["stage"]] += 1
            states[state] += 1
            transitions.update(step["do"] for step in spec.get("flow", ()) if "do" in step)
            records.update(record_counts(spec))
            if commit_every and done % commit_every == 0:
                transaction.commit()
                portal._p_jar.cacheGC()
            if progress:
                progress(done, total, time.monotonic() - started)
        if commit_every and total % commit_every:
            transaction.commit()
    seconds = time.monotonic() - started
    order = list(WORKFLOW_STATES) + sorted(set(states) - set(WORKFLOW_STATES))
    return {
        "cases": total,
        "stages": {s: stages[s] for s in STAGES if stages[s]},
        "states": {s: states[s] for s in order if states[s]},
        "transitions": dict(sorted(transitions.items(), key=lambda kv: list(TRANSITION_TARGETS).index(kv[0]) if kv[0] in TRANSITION_TARGETS else 99)),
        "records": dict(records),
        "seconds": round(seconds, 2),
        "rate": round(total / seconds, 2) if seconds and total else 0.0,
    }


def _duration(seconds):
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m{seconds % 60:02d}s"
    return f"{seconds // 60}m{seconds % 60:02d}s"


def printing_progress(write=print, every=None, seconds=15.0, offset=0, grand_total=None):
    """A ``progress`` callback printing ``filed 250/10000 (12.3/s, ETA 13m05s)`` lines.

    It prints every ``every`` cases (default: about 20 lines a run) and at least every
    ``seconds``; ``offset``/``grand_total`` count cases filed by an earlier run.
    """
    state = {"last": 0.0}

    def progress(done, total, elapsed):
        step = every or max(10, (total + 19) // 20)
        if done != total and done % step and elapsed - state["last"] < seconds:
            return
        state["last"] = elapsed
        rate = done / elapsed if elapsed else 0.0
        eta = (total - done) / rate if rate else 0.0
        overall = grand_total or (total + offset)
        write(f"filed {offset + done}/{overall} ({rate:.1f}/s, ETA {_duration(eta)})")

    return progress
