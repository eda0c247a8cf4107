"""Required secrets nobody set: the run supplies a generated test value on its ephemeral stack,
never in the project, and tells the user to set their own."""

import json
from pathlib import Path

import pytest

from agent.run import RunOptions, check, remediate
from agent.stack_secrets import generated_secret

PROGRAM = """\
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
password = config.require_secret("dbPassword")
aws.rds.Instance(
    "db",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="dbadmin",
    password=password,
    skip_final_snapshot=True,
)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: secrets\nruntime: python\n")
    (root / "__main__.py").write_text(PROGRAM)
    return root


def test_check_supplies_a_generated_value_for_a_required_secret(project):
    checked = check(project, RunOptions())
    assert checked.result.ok, [e.message for e in checked.result.errors]
    assert checked.supplied_secrets == ["secrets:dbPassword"]


def test_a_required_key_that_is_not_a_secret_is_still_reported(project):
    (project / "__main__.py").write_text(PROGRAM.replace('require_secret("dbPassword")', 'require("dbHost")'))
    checked = check(project, RunOptions(preview_only=True))
    assert not checked.result.ok
    assert "dbHost" in checked.result.errors[0].message
    assert checked.supplied_secrets == []


def test_remediate_leaves_the_project_alone_and_asks_for_the_secret(project, tmp_path):
    before = {p.name: p.read_text() for p in project.iterdir()}
    report = remediate(project, RunOptions(out=tmp_path / "out"))
    assert report.summary["status"] == "clean"
    assert report.summary["supplied_secrets"] == ["secrets:dbPassword"]
    assert {p.name: p.read_text() for p in (tmp_path / "out" / "project").iterdir()} == before
    assert "pulumi config set --secret secrets:dbPassword" in (tmp_path / "out" / "report.md").read_text()
    value_free = (tmp_path / "out" / "fixlog.jsonl").read_text()
    assert [json.loads(line)["key"] for line in value_free.splitlines() if '"test_secret_supplied"' in line] == ["secrets:dbPassword"]


def test_generated_values_are_strong_and_differ():
    first, second = generated_secret(), generated_secret()
    assert first != second and len(first) == 32 and first.isalnum()
    assert any(c.isupper() for c in first) and any(c.islower() for c in first) and any(c.isdigit() for c in first)
