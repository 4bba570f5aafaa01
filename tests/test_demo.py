"""Demo data (scripts/demo-data): a deterministic, valid plan of cases, filed into a site."""

from plone import api
from shaoyang.licensing.case.records import IDecision
from shaoyang.licensing.codes import credit_code_error
from shaoyang.licensing.codes import id_number_error
from shaoyang.licensing.demo import people
from shaoyang.licensing.demo.cases import add_workdays
from shaoyang.licensing.demo.cases import catalogue_items
from shaoyang.licensing.demo.cases import file_cases
from shaoyang.licensing.demo.cases import plan_cases
from shaoyang.licensing.demo.cases import printing_progress
from shaoyang.licensing.demo.cases import STAGE_STATES
from shaoyang.licensing.demo.cases import STAGES
from shaoyang.licensing.validation import phone
from shaoyang.licensing.validation import today

import collections
import datetime
import pytest


@pytest.fixture
def items(portal):
    return catalogue_items(portal)


@pytest.fixture
def plan(items):
    return plan_cases(items, 400, seed=2026)


def dates_of(spec):
    yield spec["received_date"]
    yield spec["application"]["received_date"]
    for opinion in spec["opinions"]:
        yield opinion["opinion_date"]
    if spec["decision"]:
        yield spec["decision"]["decision_date"]
    if spec["delivery"]:
        yield spec["delivery"]["delivery_date"]
    if spec["evaluation"]:
        yield spec["evaluation"]["rated_at"].date()


def test_people_are_a_function_of_the_seed():
    assert people.people(7, 20) == people.people(7, 20)
    assert people.people(7, 20) != people.people(8, 20)
    for person in people.people(7, 200):
        assert id_number_error(person["id_number"]) is None
        assert person["id_number"][:6] in people.DIVISIONS
        assert (int(person["id_number"][16]) % 2 == 1) == (person["sex"] == "male")
    for company in people.organisations(7, 200, "food_production"):
        assert credit_code_error(company["credit_code"]) is None
        assert company["applicant_name"].startswith(("邵阳", *people.DIVISIONS.values()))


def test_plan_is_deterministic_for_a_seed(items, plan):
    assert plan_cases(items, 400, seed=2026) == plan
    assert plan_cases(items, 400, seed=2027) != plan


def test_planned_codes_phones_and_materials_are_valid(items, plan):
    materials = {i["code"]: {m["name"] for m in i["materials"]} for i in items}
    for spec in plan:
        application = spec["application"]
        if application["applicant_type"] == "person":
            assert id_number_error(application["id_number"]) is None, application
        else:
            assert credit_code_error(application["credit_code"]) is None, application
            assert application["legal_representative"]
        assert phone(application["phone"])
        assert set(application["submitted_materials"]) <= materials[spec["item_code"]]


def test_no_date_in_the_future_and_dates_in_order(plan):
    now = today()
    for spec in plan:
        dates = list(dates_of(spec))
        assert max(dates) <= now, spec
        assert dates == sorted(dates), spec
        assert spec["received_date"] >= datetime.date(2023, 1, 1)
        if spec["delivery"]:  # R3.4: certificate delivered within 10 working days
            assert spec["delivery"]["delivery_date"] <= add_workdays(spec["decision"]["decision_date"], 10)


def test_plan_covers_every_stage_year_and_outcome(plan):
    stages = collections.Counter(s["stage"] for s in plan)
    assert set(stages) == set(STAGES)
    assert stages["closed"] > stages["received"]
    assert {s["received_date"].year for s in plan} >= set(range(2023, today().year + 1))
    decisions = [s["decision"] for s in plan if s["decision"]]
    refusals = [d for d in decisions if d["outcome"] == "refusal"]
    assert 0.03 < len(refusals) / len(decisions) < 0.2
    assert all(d["reasons"] and d["remedies"] for d in refusals)
    assert all(d["certificate_name"] for d in decisions if d["outcome"] == "grant")
    assert 0 < sum(s["late"] for s in plan) < len(decisions) * 0.2
    levels = collections.Counter(s["evaluation"]["level"] for s in plan if s["evaluation"])
    assert levels.most_common(1)[0][0] == "very_satisfied"
    assert levels["dissatisfied"] + levels["very_dissatisfied"] > 0


def test_filing_creates_the_records_with_gapless_numbers(portal, items):
    specs = plan_cases(items, 30, seed=11)
    lines = []
    summary = file_cases(portal, specs, progress=printing_progress(lines.append, every=10), commit_every=0)
    assert summary["cases"] == 30
    assert sum(summary["stages"].values()) == 30
    assert lines[-1].startswith("filed 30/30 (")

    cases = [c for c in portal["cases"].objectValues() if c.portal_type == "CaseFile"]
    assert len(cases) == 30
    contents = collections.Counter(o.portal_type for c in cases for o in c.objectValues())
    expected = collections.Counter()
    for spec in specs:
        expected["Application"] += 1
        expected["ReviewOpinion"] += len(spec["opinions"])
        expected["Decision"] += bool(spec["decision"])
        expected["Delivery"] += bool(spec["delivery"])
        expected["Evaluation"] += bool(spec["evaluation"])
    assert contents == expected
    assert summary["records"]["Decision"] == expected["Decision"]
    assert sum(summary["states"].values()) == 30

    numbers = collections.defaultdict(list)
    for case in cases:
        agency, year, number = case.receipt_number.split("-")
        assert int(year) == case.received_date.year == case.year
        numbers[(agency, year)].append(int(number))
    for key, taken in numbers.items():
        assert sorted(taken) == list(range(1, len(taken) + 1)), key

    decisions = [o for c in cases for o in c.objectValues() if IDecision.providedBy(o)]
    for decision in decisions:
        assert decision.document_number and decision.title.endswith(f"（{decision.document_number}）")
        if decision.outcome == "refusal":
            assert decision.reasons.strip() and decision.remedies.strip()
        else:
            assert decision.certificate_name
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(portal_type="CaseFile")) == 30
    assert len(catalog.unrestrictedSearchResults(portal_type="Decision")) == expected["Decision"]


def test_plan_takes_the_workflow_with_its_variants(items):
    from shaoyang.licensing.workflow.parameters import PAUSE_REASONS

    plan = plan_cases(items, 2000, seed=2026)  # big enough for the rare endings on any day

    states = collections.Counter(s["state"] for s in plan)
    for spec in plan:
        assert spec["state"] in STAGE_STATES[spec["stage"]], spec
        days = [step["on"] for step in spec["flow"] if "do" in step]
        assert days == sorted(days) and all(spec["received_date"] <= d <= today() for d in days), spec
    # Some of every ending, archived ones among the old.
    assert {"correction_requested", "rejected", "withdrawn", "suspended", "archived"} <= set(states)
    assert 0.2 < states["archived"] / (states["closed"] + states["archived"]) < 0.6
    steps = [step for spec in plan for step in spec["flow"] if "do" in step]
    taken = collections.Counter(step["do"] for step in steps)
    assert taken["resume"] > 0 and taken["resubmit"] > 0
    for step in steps:
        params = step["params"]
        if step["do"] == "suspend":
            assert params["reason"] in PAUSE_REASONS and 1 <= params["expected_days"] <= 180 and params["notice"]
        elif step["do"] == "reject_application":
            assert params["reason"] and params["competent_body"]
        elif step["do"] == "withdraw":
            assert params["reason"]


def test_filed_cases_end_in_their_planned_state_with_a_sound_journal(portal, items):
    from shaoyang.licensing.case import journal

    # ~30 cases of a bigger plan: one of every end state and of every transition, then others.
    plan = plan_cases(items, 2000, seed=5)
    wanted = {f"state:{s['state']}" for s in plan} | {f"do:{t['do']}" for s in plan for t in s["flow"] if "do" in t}
    specs = []
    for spec in plan:
        marks = {f"state:{spec['state']}"} | {f"do:{t['do']}" for t in spec["flow"] if "do" in t}
        if marks & wanted:
            specs.append(spec)
            wanted -= marks
    specs += [spec for spec in plan if spec not in specs][: 30 - len(specs)]
    specs.sort(key=lambda s: (s["received_date"], s["index"]))
    repository = portal["cases"]
    states = collections.Counter()
    for spec in specs:  # one at a time, to know which case is whose
        before = set(repository.objectIds())
        summary = file_cases(portal, [spec], commit_every=0)
        (new_id,) = set(repository.objectIds()) - before
        case = repository[new_id]
        state = api.content.get_state(case)
        assert state == spec["state"] and summary["states"] == {state: 1}, (spec["index"], spec["stage"], state)
        assert state in STAGE_STATES[spec["stage"]]
        states[state] += 1
        assert journal.verify(case)["ok"], spec["index"]
        taken = [e["details"]["transition"] for e in journal.entries(case) if e["action"] == "transition"]
        assert taken == [step["do"] for step in spec["flow"] if "do" in step]
        for step in spec["flow"]:
            if step.get("do") == "suspend":
                assert case.suspensions[0]["start"] == step["on"].isoformat()
            elif step.get("do") == "reject_application":
                assert case.rejection["competent_body"] == step["params"]["competent_body"]
            elif step.get("do") == "withdraw":
                assert case.withdrawal["reason"] == step["params"]["reason"]
    assert sum(states.values()) == 30
    assert {"correction_requested", "rejected", "withdrawn", "suspended", "closed", "archived"} <= set(states)


def test_records_are_checked_against_their_schemas_before_filing(portal, items):
    from shaoyang.licensing.case.application import IApplication
    from shaoyang.licensing.demo.cases import check_record

    spec = next(s for s in plan_cases(items, 50, seed=3) if s["decision"])
    refusal = {"outcome": "refusal", "decision_date": spec["decision"]["decision_date"], "reasons": " "}
    with pytest.raises(ValueError, match="必须说明理由"):
        check_record(IDecision, refusal, portal["cases"])
    person = {**spec["application"], "applicant_type": "person", "id_number": "110105194912310021"}
    with pytest.raises(ValueError, match="校验位错误"):
        check_record(IApplication, person, portal["cases"])


def test_progress_lines_show_rate_and_eta():
    lines = []
    progress = printing_progress(lines.append, every=250)
    progress(250, 10000, 20.0)
    progress(251, 10000, 20.1)
    assert lines == ["filed 250/10000 (12.5/s, ETA 13m00s)"]
