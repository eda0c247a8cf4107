"""What a run writes when teardown fails, and what it never writes: secrets.

The engine is scripted (no CLI, no cloud): it stands in for the real one at the Engine protocol,
so `remediate` runs its whole driver (loop, fix log, summary.json, report.md, exit code) on it.
"""

from __future__ import annotations

import json

import pytest

from agent import run
from agent.cli import main
from agent.core.classify import to_deploy_error
from agent.core.redaction import redact_text, remember
from agent.engines.base import Leak, RunResult, StackLeaked

BUCKET = {"urn": "urn:pulumi:ci-1a2b3c::app::aws:s3/bucket:Bucket::logs", "type": "aws:s3/bucket:Bucket", "id": "logs-77"}
PENDING = {"operation": "creating", "urn": "urn:pulumi:ci-1a2b3c::app::aws:rds/cluster:Cluster::db", "type": "aws:rds/cluster:Cluster"}
AWS_KEY_ID, AWS_SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # AWS's documented example pair


class ScriptedCloud:
    """Fails preview for a missing secret, then fails up echoing every secret it was given (as a
    provider echoing a request would); its teardown leaves a bucket and a pending create behind."""

    name = "local"  # the driver's one-engine path, so no local loop runs first
    account_id = None

    def __init__(self, leak: bool):
        self.leak = leak
        self.runs = 0
        self.secrets: dict[str, str] = {}  # the test values the loop generated, as the last run got them

    def warm_up(self, project=None) -> None:
        pass

    def run(self, project, stack, preview_only=False):
        self.runs += 1
        self.secrets = dict(stack.secrets)
        if "app:dbPassword" not in stack.secrets:
            missing = "Missing required configuration variable 'app:dbPassword'"
            return RunResult(ok=False, phase="preview", errors=[to_deploy_error(missing, raw=missing, phase="preview")])
        echoed = (
            f"creating RDS Cluster: InvalidParameterValue: MasterUserPassword {stack.secrets['app:dbPassword']} rejected; "
            f"request signed with {AWS_KEY_ID}/{AWS_SECRET}; apiToken={stack.config['app:apiToken']}; token={stack.environment['DEPLOY_TOKEN']}"
        )
        return RunResult(ok=False, phase="up", errors=[to_deploy_error(echoed, raw=echoed, phase="up")])

    def remove_stack(self, project, stack):
        if self.leak:
            raise StackLeaked(Leak(stack=stack.name, reason="destroy failed: AccessDenied", resources=[BUCKET], pending=[PENDING]))


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "app"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    (root / "__main__.py").write_text("import pulumi\n\nconfig = pulumi.Config()\n")
    return root


def _run(project, tmp_path, monkeypatch, leak: bool) -> tuple[int, ScriptedCloud, dict[str, str]]:
    """`remediate PROJECT` on the scripted engine: exit code, engine, and the files it wrote."""
    engine = ScriptedCloud(leak)
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setattr(run, "make_engine", lambda *args, **kwargs: (engine, "requested"))
    out = tmp_path / "out"
    secrets = ["--config", "app:apiToken=cfg-token-9f8e7d", "--env", "DEPLOY_TOKEN=env-token-1c2b3a"]
    code = main([str(project), "--out", str(out), "--max-attempts", "1", *secrets])
    return code, engine, {name: (out / name).read_text() for name in ("fixlog.jsonl", "report.md", "summary.json")}


def test_a_failed_teardown_keeps_the_report_lists_the_leak_and_exits_non_zero(project, tmp_path, monkeypatch):
    code, _, written = _run(project, tmp_path, monkeypatch, leak=True)
    summary, report = json.loads(written["summary.json"]), written["report.md"]

    assert code == 1
    assert summary["stack_leaked"] is True
    assert summary["leak"]["resources"] == [BUCKET] and summary["leak"]["pending"] == [PENDING]
    assert "## Left behind" in report and BUCKET["urn"] in report and PENDING["urn"] in report and "remediate gc" in report
    assert '"event": "stack_leaked"' in written["fixlog.jsonl"]


def test_a_clean_teardown_says_nothing_leaked(project, tmp_path, monkeypatch):
    _, _, written = _run(project, tmp_path, monkeypatch, leak=False)
    summary = json.loads(written["summary.json"])
    assert summary["stack_leaked"] is False and summary["leak"] is None
    assert "Left behind" not in written["report.md"] and "removed after the run" in written["report.md"]


def test_no_secret_reaches_the_fix_log_the_report_or_the_summary(project, tmp_path, monkeypatch):
    """A generated test secret, secret-named --config and --env values and an AWS key pair, all planted
    in an error the engine reports: none of them appears in anything the run writes."""
    _, engine, written = _run(project, tmp_path, monkeypatch, leak=False)
    generated = engine.secrets["app:dbPassword"]

    assert "InvalidParameterValue: MasterUserPassword ***" in written["report.md"]  # the error is there, masked
    for name, text in written.items():
        for secret in (generated, "cfg-token-9f8e7d", "env-token-1c2b3a", AWS_KEY_ID, AWS_SECRET):
            assert secret not in text, f"{secret} leaked into {name}"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("key AKIAIOSFODNN7EXAMPLE used", "key *** used"),
        ("secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.", "secret=***."),
        ("commit 3f786850e387550fdab836ed7e6dc881de23001b", "commit 3f786850e387550fdab836ed7e6dc881de23001b"),  # a sha, not a key
        ("stack TapStackdev-1a2b3c, suffix dev", "stack TapStackdev-1a2b3c, suffix dev"),
    ],
)
def test_aws_key_shapes_are_masked_and_lookalikes_kept(text, expected):
    assert redact_text(text) == expected


def test_a_remembered_value_is_masked_and_a_short_one_is_not():
    remember("s3cr3t-passphrase-xyz")
    remember("dev")
    assert redact_text("passphrase s3cr3t-passphrase-xyz for dev") == "passphrase *** for dev"


def test_check_lists_a_leak_and_exits_non_zero(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setattr(run, "make_engine", lambda *args, **kwargs: (ScriptedCloud(leak=True), "requested"))
    assert main(["check", str(project), "--config", "app:apiToken=cfg-token-9f8e7d", "--env", "DEPLOY_TOKEN=env-token-1c2b3a"]) == 1
    err = capsys.readouterr().err
    assert "LEFT BEHIND: destroy failed: AccessDenied" in err and BUCKET["urn"] in err and "Traceback" not in err
