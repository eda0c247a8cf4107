"""PulumiEngine's lifecycle with the Automation API stood in (no pulumi CLI needed).

Every test that replaces an automation call says which one in its docstring. The fake stack
replays event-log fixtures through the `on_event` callback the engine hands to preview/up,
exactly as the CLI's event stream would reach it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pulumi import automation as auto
from pulumi.automation._cmd import CommandResult

from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines import pulumi_engine, selection
from agent.engines.base import StackRef
from agent.engines.events import read_event_log
from agent.engines.pulumi_engine import PulumiEngine, StackCleanupError, collect_garbage

EVENTS = Path(__file__).parent / "events"
LOCKED = (
    "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end "
    "or delete the lock file with `pulumi cancel`."
)


# ---- stand-ins ---------------------------------------------------------------
def command_error(stderr: str, cls=auto.CommandError):
    return cls(CommandResult(stdout="", stderr=stderr, code=255))


def replay(fixture: str, stderr: str = "error: update failed"):
    """An operation that streams the fixture's events, then fails like the CLI does."""

    def op(stack, on_event):
        for event in read_event_log(EVENTS / f"{fixture}.jsonl"):
            on_event(event)
        raise command_error(stderr)

    return op


def succeed(outputs=None, fixture="preview_ok"):
    def op(stack, on_event):
        for event in read_event_log(EVENTS / f"{fixture}.jsonl"):
            on_event(event)
        return auto.UpResult("", "", None, {k: auto.OutputValue(v, False) for k, v in (outputs or {}).items()})

    return op


def raise_(exc):
    def op(stack, on_event):
        raise exc

    return op


def hang(stack, on_event):
    """An operation that only ends when the stack is cancelled."""
    assert stack.cancelled.wait(10), "engine never cancelled the hung operation"
    raise command_error("error: update canceled")


class FakeWorkspace:
    def __init__(self, calls):
        self.calls = calls

    def remove_stack(self, name):
        self.calls.append(("remove_stack", name))


class FakeStack:
    def __init__(self, name, calls, script):
        self.name = name
        self.calls = calls
        self.script = script  # op -> list of behaviours, consumed in order
        self.workspace = FakeWorkspace(calls)
        self.config = {}
        self.secret_keys = set()
        self.cancelled = threading.Event()
        self.state = {"resources": []}

    def _do(self, op, on_event=None, **kwargs):
        self.calls.append((op, self.name))
        behaviours = self.script.get(op) or [succeed()]
        behaviour = behaviours.pop(0) if len(behaviours) > 1 else behaviours[0]
        return behaviour(self, on_event or (lambda event: None))

    def preview(self, **kwargs):
        return self._do("preview", **kwargs)

    def up(self, **kwargs):
        return self._do("up", **kwargs)

    def destroy(self, **kwargs):
        if any(resource.get("protect") for resource in self.state["resources"]):
            raise command_error("error: resource is protected")
        return self._do("destroy", **kwargs)

    def export_stack(self):
        return auto.Deployment(version=3, deployment=self.state)

    def import_stack(self, exported):
        self.calls.append(("import_stack", self.name))
        self.state = exported.deployment

    def cancel(self):
        self.calls.append(("cancel", self.name))
        self.cancelled.set()

    def set_all_config(self, config, path=False):
        self.config.update({key: value.value for key, value in config.items()})
        self.secret_keys |= {key for key, value in config.items() if value.secret}


class Automation:
    """Stands in for `auto.create_or_select_stack` and `auto.select_stack`; records their arguments."""

    def __init__(self, monkeypatch, script=None, existing=True):
        self.calls: list[tuple[str, str]] = []
        self.opened: list[dict] = []
        self.stacks: dict[str, FakeStack] = {}
        self.script = script or {}
        self.existing = existing
        monkeypatch.setattr(auto, "create_or_select_stack", self.create_or_select_stack)
        monkeypatch.setattr(auto, "select_stack", self.select_stack)

    def _stack(self, stack_name):
        if stack_name not in self.stacks:
            self.stacks[stack_name] = FakeStack(stack_name, self.calls, self.script)
        return self.stacks[stack_name]

    def create_or_select_stack(self, stack_name, work_dir=None, opts=None, **kwargs):
        self.opened.append({"how": "create_or_select", "name": stack_name, "work_dir": work_dir, "opts": opts})
        return self._stack(stack_name)

    def select_stack(self, stack_name, work_dir=None, opts=None, **kwargs):
        self.opened.append({"how": "select", "name": stack_name, "work_dir": work_dir, "opts": opts})
        if not self.existing and stack_name not in self.stacks:
            raise command_error(f"error: no stack named '{stack_name}' found", auto.StackNotFoundError)
        return self._stack(stack_name)


# ---- fixtures ----------------------------------------------------------------
@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    (root / "Pulumi.dev.yaml").write_text("config:\n  app:tier: small\n  app:dbPassword:\n    secure: AAABAHo=\n")
    (root / "__main__.py").write_text("import pulumi\n")
    return Project.open(root)


@pytest.fixture
def workspaces(tmp_path, monkeypatch):
    monkeypatch.delenv("PULUMI_BACKEND_URL", raising=False)
    monkeypatch.delenv("PULUMI_CONFIG_PASSPHRASE", raising=False)
    monkeypatch.delenv("PULUMI_CONFIG_PASSPHRASE_FILE", raising=False)
    return tmp_path / "workspaces"


STACK = StackRef(base="dev", name="dev-4f2a1c", region="eu-west-1", config={"app:size": "2"})


# ---- run -----------------------------------------------------------------------
def test_run_previews_then_ups_on_a_file_backend(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (returns a fake stack whose preview/up succeed)."""
    automation = Automation(monkeypatch, {"up": [succeed({"url": "https://x"})]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK)

    assert result.ok and result.phase == "up"
    assert result.outputs == {"url": "https://x"}
    assert [(r["type"], r["name"]) for r in result.resources] == [
        ("aws:s3/bucket:Bucket", "logs"),
        ("aws:rds/cluster:Cluster", "db"),
    ]
    assert [op for op, _ in automation.calls] == ["preview", "up"]
    opened = automation.opened[0]
    assert opened["name"] == "dev-4f2a1c" and opened["work_dir"] == str(project.root)
    assert opened["opts"].project_settings is None
    env = opened["opts"].env_vars
    assert env["PULUMI_BACKEND_URL"] == (workspaces / "state").resolve().as_uri()
    assert (workspaces / "state").is_dir()
    assert len(env["PULUMI_CONFIG_PASSPHRASE"]) >= 32
    # plain values of the base stack, the region, the caller's values; never the base stack's secrets
    assert automation.stacks["dev-4f2a1c"].config == {"app:tier": "small", "aws:region": "eu-west-1", "app:size": "2"}


def test_test_values_for_required_secrets_are_set_as_secrets(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack recording which values are secret)."""
    automation = Automation(monkeypatch)
    stack = dataclasses.replace(STACK, secrets={"app:dbPassword": "Generated123"})
    assert PulumiEngine(workspaces=workspaces).run(project, stack).ok
    fake = automation.stacks["dev-4f2a1c"]
    assert fake.config["app:dbPassword"] == "Generated123" and fake.secret_keys == {"app:dbPassword"}


def test_preview_only_never_ups(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack; preview succeeds)."""
    automation = Automation(monkeypatch)
    result = PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    assert result.ok and result.phase == "preview"
    assert [op for op, _ in automation.calls] == ["preview"]


def test_each_run_gets_its_own_passphrase_and_keeps_it_for_removal(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack and auto.select_stack (fake stacks)."""
    automation = Automation(monkeypatch)
    engine = PulumiEngine(workspaces=workspaces)
    other = StackRef.ephemeral("dev", "eu-west-1")
    engine.run(project, STACK, preview_only=True)
    engine.run(project, other, preview_only=True)
    engine.remove_stack(project, STACK)
    first, second, removal = (opened["opts"].env_vars["PULUMI_CONFIG_PASSPHRASE"] for opened in automation.opened)
    assert first != second
    assert removal == first


def test_callers_backend_and_passphrase_are_respected(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack)."""
    monkeypatch.setenv("PULUMI_BACKEND_URL", "s3://team-state")
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "theirs")
    automation = Automation(monkeypatch)
    PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    env = automation.opened[0]["opts"].env_vars
    assert "PULUMI_BACKEND_URL" not in env and "PULUMI_CONFIG_PASSPHRASE" not in env


def test_failed_up_reports_the_provider_error_and_is_then_destroyed_and_removed(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack and auto.select_stack (fake stack: up replays
    tests/events/engine_version.jsonl and fails; destroy succeeds)."""
    automation = Automation(monkeypatch, {"up": [replay("engine_version")]})
    engine = PulumiEngine(workspaces=workspaces)
    result = engine.run(project, STACK)

    assert not result.ok and result.phase == "up"
    [error] = result.errors
    assert error.kind == ErrorKind.ENGINE_VERSION
    assert error.message.startswith("creating RDS Cluster (orders-db): operation error RDS: CreateDBCluster")
    assert (error.resource_type, error.resource_name, error.phase) == ("aws:rds/cluster:Cluster", "db", "up")

    engine.remove_stack(project, STACK)
    assert automation.calls[-2:] == [("destroy", "dev-4f2a1c"), ("remove_stack", "dev-4f2a1c")]
    assert not (workspaces / "state" / "remediate" / "dev-4f2a1c.json").exists()


def test_program_error_at_preview_is_located_in_the_working_copy(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: preview replays a traceback whose
    frames point into this test's project)."""
    traceback = (
        "Program failed with an unhandled exception:\nTraceback (most recent call last):\n"
        f'  File "{project.root}/__main__.py", line 2, in <module>\n    import pulumi_random\n'
        "ModuleNotFoundError: No module named 'pulumi_random'\n"
    )

    def op(stack, on_event):
        on_event(auto.EngineEvent.from_json({"diagnosticEvent": {"message": traceback, "severity": "error", "color": "never"}}))
        raise command_error("error: preview failed")

    Automation(monkeypatch, {"preview": [op]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK)
    [error] = result.errors
    assert (error.kind, error.file, error.line, error.phase) == (ErrorKind.MODULE_NOT_FOUND, "__main__.py", 2, "preview")


def test_command_error_without_events_uses_stderr(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: preview fails with stderr only)."""
    stderr = "error: failed to load language plugin python: could not find python3\n\nerror: preview failed"
    Automation(monkeypatch, {"preview": [raise_(command_error(stderr))]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK)
    assert not result.ok
    [error] = result.errors
    assert error.message == "failed to load language plugin python: could not find python3"


def test_stale_lock_is_cancelled_and_the_operation_retried_once(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: the first preview raises
    ConcurrentUpdateError as the CLI does on a stale lock, the second succeeds)."""
    locked = raise_(command_error(LOCKED, auto.ConcurrentUpdateError))
    automation = Automation(monkeypatch, {"preview": [locked, succeed()]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    assert result.ok
    assert [op for op, _ in automation.calls] == ["preview", "cancel", "preview"]


def test_a_lock_that_stays_is_reported_not_retried_forever(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: every preview raises ConcurrentUpdateError)."""
    locked = raise_(command_error(LOCKED, auto.ConcurrentUpdateError))
    automation = Automation(monkeypatch, {"preview": [locked]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    assert not result.ok
    assert result.errors[0].message.startswith("the stack is currently locked by 1 lock(s)")
    assert [op for op, _ in automation.calls] == ["preview", "cancel", "preview"]


def test_timeout_cancels_the_update_then_the_stack_is_destroyed_and_removed(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack and auto.select_stack (fake stack: up blocks until
    stack.cancel() is called; destroy succeeds)."""
    automation = Automation(monkeypatch, {"up": [hang]})
    engine = PulumiEngine(timeout_s=0.2, workspaces=workspaces)
    result = engine.run(project, STACK)

    assert not result.ok and result.phase == "up"
    [error] = result.errors
    assert error.message == "pulumi up timed out after 0.2s and was cancelled"
    assert error.phase == "up"
    assert ("cancel", "dev-4f2a1c") in automation.calls

    engine.remove_stack(project, STACK)
    assert automation.calls[-2:] == [("destroy", "dev-4f2a1c"), ("remove_stack", "dev-4f2a1c")]


# ---- remove_stack -----------------------------------------------------------------
def test_removing_a_stack_that_does_not_exist_is_fine(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (raises StackNotFoundError as the CLI does)."""
    automation = Automation(monkeypatch, existing=False)
    engine = PulumiEngine(workspaces=workspaces)
    engine.remove_stack(project, STACK)
    engine.remove_stack(project, STACK)
    assert automation.calls == []


def test_failed_destroy_keeps_the_state(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stack whose destroy fails)."""
    automation = Automation(monkeypatch, {"destroy": [raise_(command_error("error: deleting S3 Bucket: AccessDenied"))]})
    with pytest.raises(StackCleanupError, match="deleting S3 Bucket: AccessDenied"):
        PulumiEngine(workspaces=workspaces).remove_stack(project, STACK)
    assert ("remove_stack", "dev-4f2a1c") not in automation.calls


def test_protected_resources_are_unprotected_so_the_stack_is_still_removed(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stack whose state holds a resource the program
    protected; its destroy refuses while any is protected)."""
    automation = Automation(monkeypatch)
    stack = automation._stack(STACK.name)
    stack.state = {"resources": [{"urn": "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs", "protect": True}]}
    PulumiEngine(workspaces=workspaces).remove_stack(project, STACK)
    assert automation.calls[-3:] == [("import_stack", STACK.name), ("destroy", STACK.name), ("remove_stack", STACK.name)]
    assert stack.state["resources"][0]["protect"] is False


# ---- gc --------------------------------------------------------------------------------
def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _state_file(workspaces: Path, project: str, name: str) -> Path:
    path = workspaces / "state" / ".pulumi" / "stacks" / project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    return path


def _record(workspaces: Path, stack: str, **record) -> Path:
    path = workspaces / "state" / "remediate" / f"{stack}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record))
    return path


def test_gc_destroys_and_removes_stacks_left_by_a_killed_run(workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stacks; the first destroy meets the killed run's lock)."""
    import socket

    host = socket.gethostname()
    _state_file(workspaces, "app", "dev-4f2a1c.json")
    _state_file(workspaces, "app", "dev-4f2a1c.json.bak")
    _state_file(workspaces, "app", "dev.json")  # not one of ours
    _state_file(workspaces, "svc", "prod-00ff0a.json.gz")
    _state_file(workspaces, "svc", "prod-aaaaaa.json")  # a live run's stack
    _state_file(workspaces, "svc", "prod-bbbbbb.json")  # no passphrase known
    left = _record(workspaces, "dev-4f2a1c", project="app", pid=_dead_pid(), host=host, passphrase="p1")
    _record(workspaces, "prod-00ff0a", project="svc", pid=_dead_pid(), host=host, passphrase="p2")
    _record(workspaces, "prod-aaaaaa", project="svc", pid=os.getpid(), host=host, passphrase="p3")

    locked = raise_(command_error(LOCKED, auto.ConcurrentUpdateError))
    automation = Automation(monkeypatch, {"destroy": [locked, succeed()]})
    removed = collect_garbage(workspaces)

    assert removed == ["dev-4f2a1c", "prod-00ff0a"]
    assert automation.calls == [
        ("destroy", "dev-4f2a1c"),
        ("cancel", "dev-4f2a1c"),
        ("destroy", "dev-4f2a1c"),
        ("remove_stack", "dev-4f2a1c"),
        ("destroy", "prod-00ff0a"),
        ("remove_stack", "prod-00ff0a"),
    ]
    opened = {o["name"]: o["opts"] for o in automation.opened}
    assert opened["dev-4f2a1c"].project_settings.name == "app"
    assert opened["prod-00ff0a"].env_vars["PULUMI_CONFIG_PASSPHRASE"] == "p2"
    assert opened["prod-00ff0a"].env_vars["PULUMI_BACKEND_URL"] == (workspaces / "state").resolve().as_uri()
    assert not left.exists()


def test_gc_with_nothing_left_behind(workspaces, monkeypatch):
    """Stands in for auto.select_stack (must not be called)."""
    automation = Automation(monkeypatch)
    assert collect_garbage(workspaces) == []
    assert automation.opened == []


# ---- engine selection -------------------------------------------------------------------
class _Session:
    def __init__(self, credentials):
        self._credentials = credentials

    def __call__(self):
        return self

    def get_credentials(self):
        return self._credentials


@pytest.mark.parametrize(
    "cli,credentials,expected",
    [
        ("/usr/bin/pulumi", object(), ("pulumi", "pulumi CLI on PATH and AWS credentials found")),
        (None, object(), ("local", "no pulumi CLI on PATH")),
        ("/usr/bin/pulumi", None, ("local", "no AWS credentials")),
        (None, None, ("local", "no pulumi CLI on PATH and no AWS credentials")),
    ],
)
def test_auto_selection(monkeypatch, cli, credentials, expected):
    monkeypatch.setattr(selection.shutil, "which", lambda name: cli if name == "pulumi" else None)
    monkeypatch.setattr(selection, "pulumi_cli_version", lambda: "3.180.0")
    monkeypatch.setattr(selection.boto3, "Session", _Session(credentials))
    assert selection.select_engine("auto") == expected


def test_explicit_engine_passes_through(monkeypatch):
    monkeypatch.setattr(selection, "pulumi_cli_version", lambda: "3.180.0")
    assert selection.select_engine("pulumi") == ("pulumi", "requested")
    assert selection.select_engine("local") == ("local", "requested")


def test_explicit_pulumi_without_its_cli_is_refused_before_anything_starts(monkeypatch):
    monkeypatch.setattr(selection.shutil, "which", lambda name: None)
    with pytest.raises(selection.EngineUnavailable, match="none found"):
        selection.select_engine("pulumi")


def test_engine_name():
    assert PulumiEngine.name == "pulumi"
    assert pulumi_engine.EPHEMERAL_NAME.match(StackRef.ephemeral("dev", "us-east-1").name)
