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
