"""--target localstack: no real AWS credential reaches the pulumi CLI, whatever the program does
with providers. Run through the real Automation API against a fake CLI process that records the
environment it was started with."""

from __future__ import annotations

import pytest

from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.pulumi_engine import PulumiEngine
from agent.engines.target_env import target_environment
from tests import fake_cli

REAL = {
    "AWS_ACCESS_KEY_ID": "AKIAREALREALREALREAL",
    "AWS_SECRET_ACCESS_KEY": "real-secret-key-real-secret-key-real-sec",
    "AWS_SESSION_TOKEN": "real-session-token",
    "AWS_PROFILE": "production",
    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/deployer",
    "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/token",
}


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "app"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    return Project.open(root)


@pytest.fixture
def real_credentials(monkeypatch):
    for key, value in REAL.items():
        monkeypatch.setenv(key, value)
    for key in ("PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"):
        monkeypatch.delenv(key, raising=False)


def test_no_real_credential_reaches_the_cli_on_localstack(project, tmp_path, monkeypatch, real_credentials):
    home = fake_cli.install_here(tmp_path, monkeypatch)
    engine = PulumiEngine(workspaces=tmp_path / "workspaces", target="localstack")
    stack = StackRef(base="dev", name="dev-0c0c0c", region="us-east-1")
    assert engine.run(project, stack, preview_only=True).ok
    engine.remove_stack(project, stack)

    calls = [call for call in fake_cli.calls(home) if "argv" in call and call["argv"][0] != "version"]
    assert {call["argv"][0] for call in calls} >= {"preview", "destroy"}
    for call in calls:
        env = call["env"]
        assert not set(REAL.values()) & set(env.values()), f"a real credential reached `pulumi {call['argv'][0]}`"
        assert env["AWS_ACCESS_KEY_ID"] == "test" and env["AWS_ENDPOINT_URL"] == "http://localhost:4566"


def test_the_aws_target_passes_the_environment_through(real_credentials):
    assert target_environment("aws") == {}
    assert target_environment("localstack")["AWS_PROFILE"] == ""  # blanked: the CLI inherits ours otherwise
