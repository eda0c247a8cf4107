"""PulumiEngine's lifecycle with the Automation API stood in (no pulumi CLI needed).

Every test that replaces an automation call says which one in its docstring. The fake stack
replays event-log fixtures through the `on_event` callback the engine hands to preview/up,
exactly as the CLI's event stream would reach it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from unittest.mock import create_autospec

import pytest
from pulumi import automation as auto
from pulumi.automation._cmd import CommandResult

from agent.core import run_defaults
from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines import pulumi_engine, selection
from agent.engines.base import StackLeaked, StackRef
from agent.engines.events import read_event_log
from agent.engines.pulumi_engine import PulumiEngine, StackCleanupError
from agent.engines.pulumi_gc import Collected, collect_garbage

EVENTS = Path(__file__).parent / "events"


def locked(pid: int, host: str | None = None) -> str:
    """The diy backend's lock error (pkg/backend/diy/lock.go, checkForLock), naming the lock's owner."""
    return (
        "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end "
        f"or delete the lock file with `pulumi cancel`.\n  file:///state/.pulumi/locks/organization/app/dev-4f2a1c/1.json: "
        f"created by tester@{host or socket.gethostname()} (pid {pid}) at 2026-01-01T00:00:00Z"
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
    """An operation the CLI never finishes (the test's engine stops waiting at its timeout)."""
    stack.released.wait(0.5)
    raise command_error("error: update canceled")


class FakeStack:
    """A `pulumi.automation.Stack` built by autospec from the real class, so a misspelled method or
    keyword fails as it would against the SDK; its operations replay the test's script."""

    def __init__(self, name, calls, script):
        self.name = name
        self.calls = calls
        self.script = script  # op -> list of behaviours, consumed in order
        self.config = {}
        self.secret_keys = set()
        self.released = threading.Event()
        self.state = {"resources": []}
        self.mock = create_autospec(auto.Stack, instance=True)
        self.mock.name = name
        self.mock.workspace = create_autospec(auto.LocalWorkspace, instance=True)
        self.mock.workspace.remove_stack.side_effect = lambda stack_name, **kwargs: calls.append(("remove_stack", stack_name))
        self.mock.preview.side_effect = lambda **kwargs: self._do("preview", **kwargs)
        self.mock.up.side_effect = lambda **kwargs: self._do("up", **kwargs)
        self.mock.destroy.side_effect = self._destroy
        self.mock.export_stack.side_effect = lambda: auto.Deployment(version=3, deployment=self.state)
        self.mock.import_stack.side_effect = self._import
        self.mock.cancel.side_effect = lambda: calls.append(("cancel", name))
        self.mock.set_all_config.side_effect = self._set_all_config

    def _do(self, op, on_event=None, **kwargs):
        self.calls.append((op, self.name))
        behaviours = self.script.get(op) or [succeed()]
        behaviour = behaviours.pop(0) if len(behaviours) > 1 else behaviours[0]
        return behaviour(self, on_event or (lambda event: None))

    def _destroy(self, **kwargs):
        if any(resource.get("protect") for resource in self.state["resources"]):
            raise command_error("error: resource is protected")
        return self._do("destroy", **kwargs)

    def _import(self, state):
        self.calls.append(("import_stack", self.name))
        self.state = state.deployment

    def _set_all_config(self, config, path=False):
        self.config.update({key: value.value for key, value in config.items()})
        self.secret_keys |= {key for key, value in config.items() if value.secret}


class Automation:
    """Stands in for `auto.create_or_select_stack` and `auto.select_stack` (autospec of the real
    functions: a wrong keyword fails); records their arguments."""

    def __init__(self, monkeypatch, script=None, existing=True):
        self.calls: list[tuple[str, str]] = []
        self.opened: list[dict] = []
        self.stacks: dict[str, FakeStack] = {}
        self.script = script or {}
        self.existing = existing
        monkeypatch.setattr(
            auto, "create_or_select_stack", create_autospec(auto.create_or_select_stack, side_effect=self.create_or_select_stack)
        )
        monkeypatch.setattr(auto, "select_stack", create_autospec(auto.select_stack, side_effect=self.select_stack))

    def _stack(self, stack_name):
        if stack_name not in self.stacks:
            self.stacks[stack_name] = FakeStack(stack_name, self.calls, self.script)
        return self.stacks[stack_name]

    def create_or_select_stack(self, stack_name, project_name=None, program=None, work_dir=None, opts=None):
        self.opened.append({"how": "create_or_select", "name": stack_name, "work_dir": work_dir, "opts": opts})
        return self._stack(stack_name).mock

    def select_stack(self, stack_name, project_name=None, program=None, work_dir=None, opts=None):
        self.opened.append({"how": "select", "name": stack_name, "work_dir": work_dir, "opts": opts})
        if not self.existing and stack_name not in self.stacks:
            raise command_error(f"error: no stack named '{stack_name}' found", auto.StackNotFoundError)
        return self._stack(stack_name).mock


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


def test_a_lock_whose_owner_died_is_cancelled_and_the_operation_retried_once(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: the first preview raises
    ConcurrentUpdateError naming a dead process of this host, the second succeeds)."""
    stale = raise_(command_error(locked(_dead_pid()), auto.ConcurrentUpdateError))
    automation = Automation(monkeypatch, {"preview": [stale, succeed()]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    assert result.ok
    assert [op for op, _ in automation.calls] == ["preview", "cancel", "preview"]


@pytest.mark.parametrize("owner", ["live", "other host", "unnamed"])
def test_a_lock_of_a_live_or_unknown_owner_is_never_cancelled(project, workspaces, monkeypatch, owner):
    """Stands in for auto.create_or_select_stack (fake stack: preview raises ConcurrentUpdateError
    naming a live process, a process of another host, or no owner at all)."""
    stderr = {
        "live": locked(os.getpid()),
        "other host": locked(_dead_pid(), host="ci-runner-7"),
        "unnamed": "error: the stack is currently locked by 1 lock(s).",
    }[owner]
    automation = Automation(monkeypatch, {"preview": [raise_(command_error(stderr, auto.ConcurrentUpdateError))]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK, preview_only=True)
    assert not result.ok and "currently locked" in result.errors[0].raw
    assert [op for op, _ in automation.calls] == ["preview"]


def test_timeout_stops_the_update_without_cancelling_its_lock_then_destroys(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack and auto.select_stack (fake stack: up never ends;
    destroy succeeds). No `pulumi cancel` while the update may still run: the CLI process is
    stopped instead (tests/test_interrupts.py shows that with a real process)."""
    automation = Automation(monkeypatch, {"up": [hang]})
    engine = PulumiEngine(timeout_s=0.2, workspaces=workspaces, grace_s=0.1)
    result = engine.run(project, STACK)
    automation.stacks[STACK.name].released.set()

    assert not result.ok and result.phase == "up"
    [error] = result.errors
    assert error.message == "pulumi up timed out after 0.2s and was cancelled"
    assert error.phase == "up"
    assert ("cancel", "dev-4f2a1c") not in automation.calls

    engine.remove_stack(project, STACK)
    assert automation.calls[-2:] == [("destroy", "dev-4f2a1c"), ("remove_stack", "dev-4f2a1c")]


def test_a_missing_summary_event_is_a_transient_engine_error(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stack: preview raises the SDK's
    RuntimeError("summary event never found"), pulumi/pulumi#9269)."""
    Automation(monkeypatch, {"preview": [raise_(RuntimeError("summary event never found"))]})
    result = PulumiEngine(workspaces=workspaces).run(project, STACK)
    [error] = result.errors
    assert not result.ok and error.kind is ErrorKind.TRANSIENT and "summary event" in error.message


def test_each_run_counts_as_a_cloud_attempt(project, workspaces, monkeypatch):
    """Stands in for auto.create_or_select_stack (fake stacks that succeed)."""
    Automation(monkeypatch)
    engine = PulumiEngine(workspaces=workspaces)
    for _ in range(3):
        engine.run(project, STACK, preview_only=True)
    assert engine.runs == 3


# ---- remove_stack -----------------------------------------------------------------
def test_removing_a_stack_that_does_not_exist_is_fine(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (raises StackNotFoundError as the CLI does)."""
    automation = Automation(monkeypatch, existing=False)
    engine = PulumiEngine(workspaces=workspaces)
    engine.remove_stack(project, STACK)
    engine.remove_stack(project, STACK)
    assert automation.calls == []


def test_failed_destroy_keeps_the_state_and_lists_what_is_left(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stack holding one bucket and one provider; its destroy fails)."""
    automation = Automation(monkeypatch, {"destroy": [raise_(command_error("error: deleting S3 Bucket: AccessDenied"))]})
    automation._stack(STACK.name).state = {
        "resources": [
            {"urn": "urn:pulumi:dev::app::pulumi:providers:aws::default", "type": "pulumi:providers:aws"},
            {"urn": "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs", "type": "aws:s3/bucket:Bucket", "id": "logs-1a2b"},
        ]
    }
    engine = PulumiEngine(workspaces=workspaces)
    engine.run(project, STACK, preview_only=True)  # writes the run record
    with pytest.raises(StackCleanupError, match="deleting S3 Bucket: AccessDenied") as raised:
        engine.remove_stack(project, STACK)
    assert ("remove_stack", "dev-4f2a1c") not in automation.calls
    leak = raised.value.leak
    assert leak.state_kept and leak.resources == [
        {"urn": "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs", "type": "aws:s3/bucket:Bucket", "id": "logs-1a2b"}
    ]
    assert (workspaces / "state" / "remediate" / "dev-4f2a1c.json").exists()  # gc needs its passphrase


def test_destroy_is_retried_on_dependency_violation(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stack whose first destroy meets a DependencyViolation)."""
    monkeypatch.setattr(run_defaults, "TRANSIENT_FIRST_WAIT_S", 0)
    violation = raise_(command_error("error: deleting EC2 Subnet (subnet-1): DependencyViolation: has dependencies"))
    automation = Automation(monkeypatch, {"destroy": [violation, succeed()]})
    PulumiEngine(workspaces=workspaces).remove_stack(project, STACK)
    assert [op for op, _ in automation.calls] == ["destroy", "destroy", "remove_stack"]


def test_pending_operations_of_an_interrupted_update_are_reported(project, workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stack whose state holds a pending create)."""
    automation = Automation(monkeypatch)
    pending = {
        "type": "creating",
        "resource": {"urn": "urn:pulumi:dev::app::aws:rds/cluster:Cluster::db", "type": "aws:rds/cluster:Cluster"},
    }
    automation._stack(STACK.name).state = {"resources": [], "pending_operations": [pending]}
    with pytest.raises(StackLeaked) as raised:
        PulumiEngine(workspaces=workspaces).remove_stack(project, STACK)
    assert raised.value.leak.pending == [{"operation": "creating", "urn": pending["resource"]["urn"], "type": "aws:rds/cluster:Cluster"}]
    assert automation.calls[-1] == ("remove_stack", STACK.name)  # nothing tracked is left, the stack goes


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

    stale = raise_(command_error(locked(_dead_pid()), auto.ConcurrentUpdateError))
    automation = Automation(monkeypatch, {"destroy": [stale, succeed()]})
    collected = collect_garbage(workspaces)

    assert collected.removed == ["dev-4f2a1c", "prod-00ff0a"]
    assert collected.skipped == [f"stack prod-aaaaaa: its run (pid {os.getpid()}) is still going"]
    assert [line.split(":")[0] for line in collected.failed] == ["stack prod-bbbbbb"]
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
    assert collect_garbage(workspaces) == Collected()
    assert automation.opened == []


def test_gc_leaves_another_hosts_stacks_unless_all_hosts(workspaces, monkeypatch):
    """Stands in for auto.select_stack (fake stacks whose destroy succeeds)."""
    _state_file(workspaces, "app", "dev-0000aa.json")
    _record(workspaces, "dev-0000aa", project="app", pid=_dead_pid(), host="ci-runner-7", passphrase="p1")
    automation = Automation(monkeypatch)
    collected = collect_garbage(workspaces)
    assert collected.removed == [] and "recorded by host ci-runner-7" in collected.skipped[0]
    assert automation.calls == []
    assert collect_garbage(workspaces, all_hosts=True).removed == ["dev-0000aa"]


def test_gc_honours_the_users_backend_and_passphrase_file_and_removes_backups(workspaces, tmp_path, monkeypatch):
    """Stands in for auto.select_stack (fake stacks whose destroy succeeds). The stack lives in the
    user's own file backend and was made with their passphrase file, so no record holds a passphrase."""
    backend = tmp_path / "team-state"
    monkeypatch.setenv("PULUMI_BACKEND_URL", backend.as_uri())
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE_FILE", str(tmp_path / "passphrase.txt"))
    stacks = backend / ".pulumi" / "stacks" / "app"
    stacks.mkdir(parents=True)
    for name in ("dev-00bb11.json", "dev-00bb11.json.bak", "dev.json"):
        (stacks / name).write_text("{}")
    backups = backend / ".pulumi" / "backups" / "app" / "dev-00bb11"
    backups.mkdir(parents=True)
    (backups / "dev-00bb11.1700000000.json").write_text("{}")
    automation = Automation(monkeypatch)

    collected = collect_garbage(workspaces)

    assert collected.removed == ["dev-00bb11"] and collected.failed == []
    env = automation.opened[0]["opts"].env_vars
    assert env["PULUMI_BACKEND_URL"] == backend.as_uri() and "PULUMI_CONFIG_PASSPHRASE" not in env
    assert sorted(path.name for path in stacks.iterdir()) == ["dev.json"]  # not ours: kept
    assert not backups.exists()


def test_gc_reports_a_stack_it_could_not_destroy(workspaces, monkeypatch, capsys):
    """Stands in for auto.select_stack (fake stack whose destroy fails for good)."""
    import socket as _socket

    _state_file(workspaces, "app", "dev-0000cc.json")
    record = _record(workspaces, "dev-0000cc", project="app", pid=_dead_pid(), host=_socket.gethostname(), passphrase="p1")
    Automation(monkeypatch, {"destroy": [raise_(command_error("error: deleting S3 Bucket: AccessDenied"))]})
    collected = collect_garbage(workspaces)
    assert collected.removed == [] and "AccessDenied" in collected.failed[0]
    assert record.exists()  # kept for the next try


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
