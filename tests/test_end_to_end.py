"""`remediate` on the local engine, end to end: one small broken project per failure family."""

import json
from pathlib import Path

import pytest

from agent.cli import main

PROJECTS = Path(__file__).parent / "projects"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cache-and-db"

FAMILIES = {
    "unknown-argument": "RM001",
    "unknown-attribute": "RM002",
    "engine-version": "RM003",
    "reserved-username": "RM004",
    "uppercase-name": "RM005",
    "region-file": "RM006",
    "duplicate-stack": "RM007",
    "missing-main": "RM008",
    "main-inside-lib": "RM034",
    "missing-config": "RM009",
    "keyword-module": "RM022",
}


@pytest.fixture(autouse=True)
def isolated_workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    return tmp_path / "workspaces"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def remediate(path, out, *extra):
    code = main([str(path), "--stack", "ci", "--out", str(out), *extra])
    return code, json.loads((out / "summary.json").read_text())


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_is_fixed_and_the_fixed_copy_runs_clean(family, tmp_path, capsys):
    before = tree(PROJECTS / family)
    code, summary = remediate(PROJECTS / family, tmp_path / "out")
    assert code == 0, summary
    assert summary["status"] == "fixed"
    assert FAMILIES[family] in [fix["fixer"] for fix in summary["fixes"]]
    assert tree(PROJECTS / family) == before, "the input project must not change without --write"
    capsys.readouterr()
    assert main(["check", str(tmp_path / "out" / "project"), "--stack", "ci"]) == 0, capsys.readouterr().out


def test_example_with_several_failures_is_fixed(tmp_path, isolated_workspaces):
    code, summary = remediate(EXAMPLE, tmp_path / "out")
    assert (code, summary["status"]) == (0, "fixed")
    fixers = {fix["fixer"] for fix in summary["fixes"]}
    assert {"RM001", "RM002", "RM003", "RM004", "RM005", "RM006", "RM009"} <= fixers
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} >= {"project", "fix.diff", "fixlog.jsonl", "report.md", "summary.json"}
    events = [json.loads(line)["event"] for line in (out / "fixlog.jsonl").read_text().splitlines()]
    assert events[0] == "run_started" and events[-1] == "run_ended" and "stack_removed" in events
    report = (out / "report.md").read_text()
    assert "Cannot find version 15.3 for aurora-postgresql" in report and "```diff" in report
    assert not any((isolated_workspaces / "stacks").iterdir())


def test_write_changes_the_project_only_when_asked(tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "unknown-argument", project)
    code, _ = remediate(project, tmp_path / "out", "--write")
    assert code == 0
    assert "number_cache_clusters" not in (project / "__main__.py").read_text()


def test_write_carries_a_renamed_module_into_the_project(tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "keyword-module", project)
    code, _ = remediate(project, tmp_path / "out", "--write")
    assert code == 0
    assert not (project / "infrastructure" / "lambda.py").exists()
    assert "def ingest_function" in (project / "infrastructure" / "lambda_.py").read_text()
    assert "from infrastructure.lambda_ import ingest_function" in (project / "__main__.py").read_text()


def test_files_the_program_makes_while_it_runs_stay_out_of_the_fixed_project_and_write(tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "unknown-argument", project)
    builds = 'import pathlib\npathlib.Path("build/pkg").mkdir(parents=True, exist_ok=True)\npathlib.Path("build/pkg/mod.py").write_text("x = 1")\n'
    (project / "__main__.py").write_text(builds + (project / "__main__.py").read_text())
    code, _ = remediate(project, tmp_path / "out", "--write")
    assert code == 0
    assert not (project / "build").exists() and not (tmp_path / "out" / "project" / "build").exists()
    assert "build/pkg" not in (tmp_path / "out" / "fix.diff").read_text()
    assert "number_cache_clusters" not in (project / "__main__.py").read_text()


def test_unfixable_project_fails_and_removes_its_stack(tmp_path, isolated_workspaces):
    project = tmp_path / "broken"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: broken\nruntime: python\n")
    (project / "__main__.py").write_text("raise RuntimeError('nobody can fix this')\n")
    code, summary = remediate(project, tmp_path / "out", "--json")
    assert (code, summary["status"]) == (1, "failed")
    assert summary["remaining_error"]["message"] == "RuntimeError: nobody can fix this"
    assert summary["remaining_error"]["file"] == "__main__.py"
    assert not any((isolated_workspaces / "stacks").iterdir())


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda tmp: tmp / "nope", "no such directory"),
        (lambda tmp: (tmp / "file.txt").write_text("x") and tmp / "file.txt", "not a directory"),
        (lambda tmp: tmp, "no Pulumi.yaml"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(make, expected, tmp_path, capsys):
    assert main([str(make(tmp_path))]) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and len(err.splitlines()) == 1


def test_check_reports_errors_with_location(tmp_path, capsys):
    assert main(["check", str(PROJECTS / "region-file")]) == 1
    out = capsys.readouterr().out
    assert "__main__.py:3: [missing_file] FileNotFoundError" in out


def test_gc_removes_stale_local_stacks_only(isolated_workspaces, capsys):
    import os
    import time

    stale, fresh = isolated_workspaces / "stacks" / "ci-aaaaaa", isolated_workspaces / "stacks" / "ci-bbbbbb"
    for state in (stale, fresh):
        state.mkdir(parents=True)
        (state / "state.json").write_text("{}")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    assert main(["gc"]) == 0
    assert not stale.exists() and fresh.exists()
    assert "removed stack ci-aaaaaa" in capsys.readouterr().out


def test_auto_engine_says_which_engine_ran_and_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pulumi CLI
    code, summary = remediate(PROJECTS / "unknown-argument", tmp_path / "out", "--engine", "auto")
    assert code == 0
    assert summary["engine"] == "local"
    assert "no pulumi CLI on PATH" in summary["engine_reason"]


def test_a_reference_to_a_vpc_that_does_not_exist_fails_on_up(tmp_path, capsys):
    project = tmp_path / "orphan-subnet"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: orphan-subnet\nruntime: python\n")
    (project / "__main__.py").write_text(
        "import pulumi_aws as aws\n\naws.ec2.Subnet('app', vpc_id='vpc-0123456789abcdef0', cidr_block='10.0.1.0/24')\n"
    )
    assert main(["check", str(project)]) == 1
    out = capsys.readouterr().out
    assert "__main__.py:3: [cloud]" in out and "InvalidVpcID.NotFound" in out


def test_a_subnet_in_a_vpc_the_program_creates_deploys(tmp_path, capsys):
    project = tmp_path / "vpc-and-subnet"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: vpc-and-subnet\nruntime: python\n")
    (project / "__main__.py").write_text(
        "import pulumi_aws as aws\n\n"
        "vpc = aws.ec2.Vpc('main', cidr_block='10.0.0.0/16')\n"
        "aws.ec2.Subnet('app', vpc_id=vpc.id, cidr_block='10.0.1.0/24')\n"
    )
    assert main(["check", str(project)]) == 0, capsys.readouterr().out


def test_report_sections_are_separated_by_one_blank_line_outside_code(tmp_path, isolated_workspaces):
    remediate(EXAMPLE, tmp_path / "out")
    text = (tmp_path / "out" / "report.md").read_text()
    outside = [part for i, part in enumerate(text.split("```")) if i % 2 == 0]
    assert not [part for part in outside if "\n\n\n" in part]
    assert text.count("```") % 2 == 0 and "## 1. " in text


def test_report_says_why_the_fixers_that_knew_the_error_declined(tmp_path, isolated_workspaces):
    project = tmp_path / "needs-input"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: needs-input\nruntime: python\n")
    (project / "__main__.py").write_text(
        "import pulumi\nimport pulumi_aws as aws\n\n"
        "aws.ec2.SecurityGroup('web', ingress=[{'protocol': 'tcp', 'from_port': 443, 'to_port': 443,\n"
        "    'cidr_blocks': [pulumi.Config().require('certificateArn')]}])\n"
    )
    code, summary = remediate(project, tmp_path / "out")
    assert (code, summary["status"]) == (1, "failed")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "Fixers that recognised it and declined" in report
    assert "RM009 recognised the error but could not fix it" in report  # the reason in the status line
    assert "- RM009: needs-input:certificateArn: no known default for 'certificateArn'" in report


def test_an_error_raised_resolving_an_output_says_why_it_has_no_line(tmp_path):
    project = tmp_path / "lifted"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: lifted\nruntime: python\n")
    (project / "__main__.py").write_text(
        "import pulumi\nimport pulumi_aws as aws\n\n"
        'function_arn = pulumi.Output.from_input("arn:aws:lambda:us-east-1:123456789012:function:f")\n'
        'aws.lambda_.Permission("invoke", function=function_arn.arn, action="lambda:InvokeFunction", principal="s3.amazonaws.com")\n'
    )
    code, summary = remediate(project, tmp_path / "out")
    assert (code, summary["remaining_error"]["message"]) == (1, "AttributeError: 'str' object has no attribute 'arn'")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "read `.arn` on an Output whose value is a str" in report
