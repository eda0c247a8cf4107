"""Required config nothing sets is found before the first run, so one attempt sets it all."""

import json

from agent.checks.required_config import unset_required_config
from agent.cli import main
from agent.core.project import Project

PROGRAM = """import pulumi
from pulumi import Config

config = pulumi.Config()
aws_config = Config("aws")
team = config.require("teamName")
owner = config.require("owner")
region = aws_config.require("region")
days = pulumi.Config().require_int("retentionDays")
password = config.require("dbPassword")
optional = config.get("tier")


class Network:
    def __init__(self):
        self.config = pulumi.Config()
        self.cidr = self.config.require("vpcCidr")
        computed = pulumi.Config("ns" + "x").require("computed")
"""


def _project(tmp_path, program=PROGRAM):
    (tmp_path / "Pulumi.yaml").write_text("name: shop\nruntime: python\nconfig:\n  shop:owner: me\n")
    (tmp_path / "__main__.py").write_text(program)
    return Project.open(tmp_path)


def test_each_literal_key_required_of_a_config_and_set_nowhere_is_reported_once(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "Pulumi.ci.yaml").write_text("config:\n  shop:retentionDays: '7'\n")
    errors = unset_required_config(project, "ci", {"aws:region"})
    assert [(e.details["key"], e.line) for e in errors] == [("shop:teamName", 6), ("shop:vpcCidr", 17)]
    assert all(e.kind.value == "missing_config" for e in errors)


def test_a_region_the_run_does_not_give_is_reported_under_its_namespace(tmp_path):
    keys = [e.details["key"] for e in unset_required_config(_project(tmp_path), "ci", set())]
    assert "aws:region" in keys and "shop:dbPassword" not in keys  # a secret gets a test value at run time


def test_all_missing_settings_are_set_before_the_first_run(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "ws"))
    project = tmp_path / "p"
    project.mkdir()
    program = 'import pulumi\n\npulumi.ComponentResource("test:index:Thing", "thing")\nc = pulumi.Config()\nfor key in ("environmentSuffix", "region", "vpcCidr"):\n    pass\n'
    program += 'pulumi.export("s", c.require("environmentSuffix") + c.require("region") + c.require("vpcCidr"))\n'
    _project(project, program)
    assert main([str(project), "--stack", "ci", "--out", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["status"], summary["attempts"]) == ("fixed", 1)
    assert [f["fixer"] for f in summary["fixes"]] == ["RM009", "RM009", "RM009"]


def test_the_region_every_run_gives_its_stack_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "ws"))
    project = tmp_path / "p"
    project.mkdir()
    _project(
        project,
        'import pulumi\n\npulumi.ComponentResource("test:index:Thing", "t")\npulumi.export("r", pulumi.Config("aws").require("region"))\n',
    )
    assert main([str(project), "--stack", "ci", "--out", str(tmp_path / "out")]) == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["status"], summary["fixes"]) == ("clean", [])
