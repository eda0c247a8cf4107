"""RM011 end to end: resource options passed as keywords are moved into opts, not dropped by RM001."""

import json

import pulumi

from agent.cli import main
from fixers.resource_options import option_names

PROGRAM = """import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
data = aws.s3.Bucket("data", depends_on=[logs], tags={"team": "data"})
"""


def test_option_names_come_from_the_installed_sdk():
    assert {"depends_on", "parent", "provider", "protect"} <= option_names()
    assert "version" not in option_names() and "self" not in option_names()
    assert hasattr(pulumi.ResourceOptions(), "depends_on")


def test_depends_on_is_moved_into_opts_and_the_project_ends_fixed(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    project = tmp_path / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: options-as-kwargs\nruntime: python\nmain: __main__.py\n")
    (project / "__main__.py").write_text(PROGRAM)
    out = tmp_path / "out"

    code = main([str(project), "--stack", "ci", "--out", str(out)])

    summary = json.loads((out / "summary.json").read_text())
    assert (code, summary["status"]) == (0, "fixed"), summary
    fixers = [fix["fixer"] for fix in summary["fixes"]]
    assert "RM011" in fixers and "RM001" not in fixers
    fixed = (out / "project" / "__main__.py").read_text()
    assert "opts=pulumi.ResourceOptions(depends_on=[logs])" in fixed
    assert fixed.startswith("import pulumi\n")
