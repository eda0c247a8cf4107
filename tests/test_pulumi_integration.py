"""PulumiEngine against a real pulumi CLI and the local file backend (skipped without the CLI).

The project creates no cloud resources, so no AWS credentials are needed.
"""

from __future__ import annotations

import shutil
import sys

import pytest
import yaml

from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.pulumi_engine import PulumiEngine

if shutil.which("pulumi") is None:
    pytest.skip(
        "pulumi CLI not on PATH: the real engine needs it (the Python SDK alone cannot run a program)",
        allow_module_level=True,
    )


def tiny_project(root, main: str) -> Project:
    root.mkdir()
    runtime: object = "python"
    if sys.prefix != sys.base_prefix:  # run the program with this interpreter's packages
        runtime = {"name": "python", "options": {"toolchain": "pip", "virtualenv": sys.prefix}}
    (root / "Pulumi.yaml").write_text(yaml.safe_dump({"name": "tiny", "runtime": runtime}))
    (root / "__main__.py").write_text(main)
    return Project.open(root)


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.delenv("PULUMI_BACKEND_URL", raising=False)
    monkeypatch.delenv("PULUMI_CONFIG_PASSPHRASE", raising=False)
    monkeypatch.setenv("PULUMI_HOME", str(tmp_path / "pulumi-home"))
    return PulumiEngine(timeout_s=300, workspaces=tmp_path / "workspaces")


def stack_files(engine: PulumiEngine):
    return sorted(p.name for p in (engine.workspaces / "state" / ".pulumi" / "stacks").rglob("*.json"))


def test_up_then_remove(tmp_path, engine):
    project = tiny_project(tmp_path / "ok", 'import pulumi\npulumi.export("greeting", pulumi.Config().get("who") or "x")\n')
    stack = StackRef.ephemeral("dev", "us-east-1", {"who": "world"})
    result = engine.run(project, stack)
    assert result.ok, [e.message for e in result.errors]
    assert result.outputs == {"greeting": "world"}
    assert f"{stack.name}.json" in stack_files(engine)

    engine.remove_stack(project, stack)
    engine.remove_stack(project, stack)  # a second removal is harmless
    assert f"{stack.name}.json" not in stack_files(engine)


def test_program_error_becomes_a_located_deploy_error(tmp_path, engine):
    project = tiny_project(tmp_path / "broken", "import pulumi\nimport pulumi_not_installed_anywhere\n")
    stack = StackRef.ephemeral("dev", "us-east-1")
    try:
        result = engine.run(project, stack, preview_only=True)
    finally:
        engine.remove_stack(project, stack)
    assert not result.ok and result.phase == "preview"
    [error] = result.errors
    assert error.kind == ErrorKind.MODULE_NOT_FOUND
    assert (error.file, error.line) == ("__main__.py", 2)
