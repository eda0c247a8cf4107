"""A run's Outcome is a value: summary.json reads it as plain JSON, and the multi-engine run derives
its outcome from each engine's without editing any of them."""

import dataclasses
import json

import pytest

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, Safety
from agent.engines.base import RunResult
from agent.loop import AppliedFix, Outcome, Status
from agent.report import summary
from agent.run import _merged
from fixers import registry


def applied(attempt: int) -> AppliedFix:
    error = DeployError(ErrorKind.UNKNOWN_ARGUMENT, "TypeError: unexpected keyword argument 'colour'", file="main.py", line=3)
    fix = Fix((), "renamed colour to color", "the SDK spells it color", Safety.SAFE)
    return AppliedFix(registry()[0], error, fix, attempt)


def test_an_outcome_cannot_be_edited_after_the_run():
    outcome = Outcome(status=Status.CLEAN, attempts=1, reason="the project deploys", stack="ci-abc123")
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.status = Status.FIXED


def test_summary_holds_plain_json_values():
    outcome = Outcome(
        status=Status.FIXED,
        attempts=2,
        reason="the project deploys",
        stack="ci-abc123",
        fixes=(applied(1),),
        last_result=RunResult(ok=True, phase="up", resources=[{"urn": "u", "type": "t", "name": "n"}]),
        supplied_secrets=("p:dbPassword",),
    )
    data = summary(outcome, engine="local", stack=outcome.stack, duration_s=1.234)
    assert type(data["status"]) is str and data["status"] == "fixed"
    assert json.loads(json.dumps(data)) == data  # nothing that JSON turns into something else
    assert (data["resources"], data["supplied_secrets"], data["remaining_error"]) == (1, ["p:dbPassword"], None)
    assert data["fixes"][0]["fixer"] == registry()[0].id


def test_a_cloud_run_clean_after_local_fixes_ends_fixed_with_every_fix_and_attempt():
    local = Outcome(status=Status.FIXED, attempts=2, reason="the project deploys", stack="ci-local", fixes=(applied(1),))
    cloud = Outcome(status=Status.CLEAN, attempts=1, reason="the project deploys", stack="ci-cloud")
    merged = _merged([local, cloud])
    assert (merged.status, merged.attempts, merged.fixes, merged.stack) == (Status.FIXED, 3, local.fixes, "ci-cloud")
    assert cloud.status is Status.CLEAN  # derived, not edited


def test_a_failed_local_run_is_the_outcome():
    local = Outcome(status=Status.FAILED, attempts=8, reason="still failing after 8 attempts", stack="ci-local")
    assert _merged([local]) == local


def test_a_fix_that_drops_an_argument_is_unsafe_and_summary_lists_it_for_review():
    error = DeployError(ErrorKind.UNKNOWN_ARGUMENT, "TypeError: unexpected keyword argument 'colour'", file="main.py", line=3)
    dropping = Fix((), "colour= dropped", "the SDK has no such input", Safety.SAFE, dropped=("colour",))
    assert dropping.safety is Safety.UNSAFE  # whatever the fixer declared
    outcome = Outcome(
        status=Status.FIXED,
        attempts=2,
        reason="the project deploys",
        stack="ci",
        fixes=(applied(1), AppliedFix(registry()[0], error, dropping, 2)),
    )
    data = summary(outcome, engine="local", stack="ci", duration_s=1)
    assert [fix["dropped"] for fix in data["fixes"]] == [[], ["colour"]]
    assert data["review"] is True and data["unsafe_not_applied"] == []
    safe_only = summary(replace_fixes(outcome, (applied(1),)), engine="local", stack="ci", duration_s=1)
    assert safe_only["review"] is False


def replace_fixes(outcome: Outcome, fixes) -> Outcome:
    return dataclasses.replace(outcome, fixes=fixes)


def test_the_batch_counts_fixed_needing_review_apart():
    from agent.batch import case_entry, counts

    entries = [
        case_entry("a", {"status": "fixed", "review": True}, 1),
        case_entry("b", {"status": "fixed", "review": False}, 1),
        case_entry("c", {"status": "clean"}, 1),
        case_entry("d", {"status": "no_code"}, 1),
    ]
    tally = counts(entries)
    assert tally["by_outcome"] == {"fixed, needs review": 1, "fixed": 1, "clean": 1, "no_code": 1}
    assert tally["by_status"]["fixed"] == 2  # the status keeps its meaning
