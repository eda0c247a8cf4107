"""--engine pulumi on a machine without a (new enough) pulumi CLI: one line, exit 2, nothing left behind."""

from __future__ import annotations

import pytest

from agent.cli import main
from agent.engines.cli_check import MINIMUM_CLI, EngineUnavailable, pulumi_cli_version
from tests import fake_cli


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "app"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    (root / "__main__.py").write_text("import pulumi\n")
    return root


@pytest.fixture
def workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    return tmp_path / "workspaces"


def _leftovers(workspaces):
    return sorted(str(path.relative_to(workspaces)) for path in workspaces.rglob("*") if path.is_file()) if workspaces.exists() else []


@pytest.mark.parametrize("command", [[], ["check"]])
def test_no_cli_exits_2_with_one_line_and_leaves_nothing(project, workspaces, tmp_path, monkeypatch, capsys, command):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "out"
    argv = [*command, str(project), "--engine", "pulumi"] + (["--out", str(out)] if not command else [])
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "needs the pulumi CLI" in err[0] and "none found" in err[0]
    assert _leftovers(workspaces) == []  # no stack record, no passphrase, no work folder
    assert not out.exists()


def test_a_cli_older_than_the_floor_is_refused(project, workspaces, tmp_path, monkeypatch, capsys):
    fake_cli.install_here(tmp_path, monkeypatch, version="v3.100.0")
    assert main([str(project), "--engine", "pulumi", "--out", str(tmp_path / "out")]) == 2
    assert "is 3.100.0" in capsys.readouterr().err
    assert _leftovers(workspaces) == []


def test_a_current_cli_passes_with_its_version(tmp_path, monkeypatch):
    fake_cli.install_here(tmp_path, monkeypatch, version="v3.180.2")
    assert str(pulumi_cli_version()) == "3.180.2"


def test_a_cli_that_prints_no_version_is_refused(tmp_path, monkeypatch):
    fake_cli.install_here(tmp_path, monkeypatch, version="garbage")
    with pytest.raises(EngineUnavailable, match="not a version"):
        pulumi_cli_version()


def test_the_sdk_floor_is_the_cli_floor():
    """pyproject.toml's pulumi floor is the release with the watcher fix, as the CLI's is."""
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
    [pulumi] = [dep for dep in project["dependencies"] if dep.startswith("pulumi>")]
    assert pulumi == f"pulumi>={MINIMUM_CLI.major}.{MINIMUM_CLI.minor},<{MINIMUM_CLI.major + 1}"
    assert not any(dep.startswith("structlog") for dep in project["dependencies"])  # imported nowhere


def test_the_default_timeout_outlasts_a_real_deploy_and_a_run_can_set_its_own(tmp_path, monkeypatch):
    from agent.core import run_defaults
    from agent.run import make_engine

    assert run_defaults.OPERATION_TIMEOUT_S > 35 * 60  # the longest real deploys of these stacks
    fake_cli.install_here(tmp_path, monkeypatch)
    engine, _ = make_engine("pulumi", timeout_s=4200, target="localstack")
    assert (engine.name, engine.timeout_s, engine.target) == ("pulumi", 4200, "localstack")
