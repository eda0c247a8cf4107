"""RM015 (python.output-in-string): the kind of the engine's complaint, the reasons it skips, and a whole run."""

import json
from pathlib import Path

from agent.cli import main
from agent.core.classify import classify_text, to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.fixes import FixContext, Skip
from fixers.output_in_string import OutputInString

CASES = Path(__file__).parent / "fixers" / "output_in_string"

LOG_GROUP_PROGRAM = """\
import pulumi_aws as aws

bucket = aws.s3.BucketV2("assets")

logs = aws.cloudwatch.LogGroup(
    "assets-logs",
    name=f"/shop/{bucket.id}-logs",
    retention_in_days=14,
)
"""


def test_provider_check_failure_is_an_invalid_value_with_the_resource_and_problem():
    message = "aws:kinesis/stream:Stream resource 'events' has a problem: expected retention_period to be in the range (24 - 8760), got 12. Examine values at 'events.retentionPeriod'."
    kind, details = classify_text(message)
    assert kind is ErrorKind.INVALID_VALUE
    assert details["name"] == "events"
    assert details["problem"].startswith("expected retention_period")


def test_lowercase_name_check_keeps_its_own_kind():
    message = (
        "aws:rds/cluster:Cluster resource 'orders' has a problem: invalid value for cluster_identifier "
        '(only lowercase alphanumeric characters and hyphens allowed in "cluster_identifier"). '
        "Examine values at 'orders.clusterIdentifier'."
    )
    assert classify_text(message)[0] is ErrorKind.INVALID_NAME


def _result(case: str, copy_project):
    spec = json.loads((CASES / case / "error.json").read_text())
    fixer = OutputInString()
    ctx = FixContext(project=copy_project(CASES / case / "before"), stack="ci", region="us-east-1")
    match = fixer.match(to_deploy_error(**spec), ctx)
    assert match is not None
    return fixer.fix(match, ctx)


def test_output_in_the_logical_name_is_skipped_naming_it(copy_project):
    result = _result("skip_logical_name", copy_project)
    assert isinstance(result, Skip)
    assert "logical name" in result.reason and "`api.root_resource_id`" in result.reason


def test_plain_strings_only_are_skipped(copy_project):
    result = _result("noop_plain_strings", copy_project)
    assert isinstance(result, Skip)
    assert "no f-string interpolating a known Output" in result.reason


def test_errors_without_the_output_text_are_not_matched(copy_project):
    error = to_deploy_error("aws:cloudwatch/logGroup:LogGroup resource 'x' has a problem: too long", file="__main__.py", line=7)
    ctx = FixContext(project=copy_project(CASES / "noop_plain_strings" / "before"), stack="ci", region="us-east-1")
    assert OutputInString().match(error, ctx) is None


def test_log_group_named_with_an_output_is_fixed_end_to_end(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    project = tmp_path / "logs"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: logs\nruntime: python\n")
    (project / "__main__.py").write_text(LOG_GROUP_PROGRAM)
    out = tmp_path / "out"
    code = main([str(project), "--stack", "ci", "--out", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    assert (code, summary["status"]) == (0, "fixed"), summary
    assert [fix["fixer"] for fix in summary["fixes"]] == ["RM015"]
    fixed = (out / "project" / "__main__.py").read_text()
    assert 'name=pulumi.Output.concat("/shop/", bucket.id, "-logs")' in fixed
    assert fixed.startswith("import pulumi\nimport pulumi_aws as aws\n")
    assert (project / "__main__.py").read_text() == LOG_GROUP_PROGRAM


def test_output_passed_into_a_logical_name_is_skipped_naming_the_interpolation(copy_project):
    result = _result("skip_logical_name_from_parameter", copy_project)
    assert isinstance(result, Skip)
    assert "interpolates `resource_id`, which was an Output" in result.reason


def test_the_interpolation_rendered_as_the_warning_is_the_one_whose_neighbours_fit():
    """A lazy match alone would blame `verb` here: "inventory-method-dev-get-" also fits "{…}-{verb}-"."""
    import libcst as cst

    from fixers._output_names import rendered_as_output

    fstring = cst.parse_expression("f\"{prefix('method')}-{verb.lower()}-{resource_id}\"")
    warning = "Calling __str__ on an Output[T] is not supported.\n\nSee docs.\nThis function may throw in a future version of Pulumi."
    culprit = rendered_as_output(fstring, f"inventory-method-dev-get-{warning}")
    assert cst.Module([]).code_for_node(culprit) == "resource_id"
    middle = cst.parse_expression('f"{prefix}-{resource_id}-{verb}"')
    assert cst.Module([]).code_for_node(rendered_as_output(middle, f"app-{warning}-get")) == "resource_id"
