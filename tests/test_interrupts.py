"""Signals during a real-engine run, against a fake pulumi CLI *process* (tests/fake_pulumi.py) that
holds a diy-style lock file while it updates: the run's own CLI child is stopped first, no lock is
cancelled while its owner lives, then the stack is destroyed and removed; a second signal during
teardown leaves the stack recorded for `remediate gc` and says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import fake_cli

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the CLI child through /proc")
ROOT = Path(__file__).resolve().parent.parent
STACK = "dev-4f2a1c"
# The loop's own teardown path, with the CLI's signal handling, and no fixers: one attempt.
DRIVER = f"""
import faulthandler, signal, sys
from pathlib import Path
from agent import cli
from agent.core.fixes import FixContext
from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.pulumi_engine import PulumiEngine
from agent.fixlog import FixLog
from agent.loop import Remediation

faulthandler.register(signal.SIGUSR1, all_threads=True)  # a hung driver's threads, on the failed test's stderr
for signum in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(signum, cli._raise_terminated)
project = Project.open(Path(sys.argv[1]))
stack = StackRef(base="dev", name="{STACK}", region="us-east-1")
engine = PulumiEngine(workspaces=Path(sys.argv[2]), grace_s=float(sys.argv[3]))
try:
    Remediation(engine, [], FixLog(Path(sys.argv[2]) / "fixlog.jsonl"), max_attempts=1).run(project, stack, FixContext(project, "dev", "us-east-1", "pulumi"))
except KeyboardInterrupt as stop:
    print("fate:", cli._stack_fate(stop), flush=True)
    sys.exit(128 + getattr(stop, "signum", 2))
"""


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _start(tmp_path: Path, grace_s: float, **behaviour: str) -> tuple[subprocess.Popen, Path, Path]:
    project = tmp_path / "app"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), **behaviour}
    env.pop("PULUMI_BACKEND_URL", None)
    env.pop("PULUMI_CONFIG_PASSPHRASE", None)
    home = fake_cli.install(tmp_path, env)
    workspaces = tmp_path / "workspaces"
    run = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(project), str(workspaces), str(grace_s)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group: a test that times out takes the fake CLI down with it
    )
    return run, home, workspaces


def _running(home: Path, command: str) -> bool:
    return any(call.get("command") == command and call.get("event") == "running" for call in fake_cli.calls(home))


def _commands(home: Path) -> list[str]:
    """Each CLI invocation's command, and the fake's own notes (sigint) in order."""
    names = []
    for call in fake_cli.calls(home):
        if "argv" in call:
            argv = call["argv"]
            names.append(" ".join(argv[:2]) if argv[0] == "stack" else argv[0])
        elif call.get("event") != "running":
            names.append(f"{call['command']} {call['event']}")
    return names


def _finish(run: subprocess.Popen) -> str:
    try:
        out, _ = run.communicate(timeout=240)  # slack for a loaded machine; an idle one takes seconds
    except subprocess.TimeoutExpired:
        run.send_signal(signal.SIGUSR1)  # where it hangs: every thread's stack, to stderr
        time.sleep(1)
        os.killpg(run.pid, signal.SIGKILL)  # the driver and the CLI it started: a failed test leaves no process
        raise
    return out


def test_sigterm_mid_update_stops_the_cli_first_and_cancels_no_live_lock(tmp_path):
    run, home, workspaces = _start(tmp_path, grace_s=10, FAKE_PULUMI_UP="hang")
    assert _wait_for(lambda: _running(home, "up")), "the fake CLI never started its update"
    run.send_signal(signal.SIGTERM)
    out = _finish(run)

    assert run.returncode == 128 + signal.SIGTERM
    assert "the ephemeral stack was removed" in out
    commands = _commands(home)
    assert commands.index("up sigint") < commands.index("destroy") < commands.index("stack rm")
    assert "cancel" not in commands  # the update let its lock go itself
    assert not any(call.get("live_lock") for call in fake_cli.calls(home) if call.get("argv", [""])[0] in ("cancel", "destroy"))
    assert not (workspaces / "state" / "remediate" / f"{STACK}.json").exists()


def test_on_ctrl_c_a_cli_that_ignores_sigint_is_killed_and_only_then_its_lock_cancelled(tmp_path):
    run, home, workspaces = _start(tmp_path, grace_s=0.5, FAKE_PULUMI_UP="stubborn")
    assert _wait_for(lambda: _running(home, "up"))
    run.send_signal(signal.SIGINT)
    out = _finish(run)

    assert run.returncode == 128 + signal.SIGINT and "the ephemeral stack was removed" in out
    commands = _commands(home)
    # destroy meets the killed update's lock, whose owner is now dead: cancelled, destroy again
    teardown = [name for name in commands[commands.index("up sigint ignored") :] if name in ("destroy", "cancel", "stack rm")]
    assert teardown == ["destroy", "cancel", "destroy", "stack rm"]
    [cancel] = [call for call in fake_cli.calls(home) if call.get("argv", [""])[0] == "cancel"]
    assert cancel["live_lock"] is False


def test_a_second_signal_during_teardown_leaves_the_stack_recorded_for_gc(tmp_path):
    run, home, workspaces = _start(tmp_path, grace_s=0.5, FAKE_PULUMI_UP="hang", FAKE_PULUMI_DESTROY_S="30")
    assert _wait_for(lambda: _running(home, "up"))
    run.send_signal(signal.SIGTERM)
    assert _wait_for(lambda: "destroy" in _commands(home)), "teardown never started"
    time.sleep(0.3)
    run.send_signal(signal.SIGTERM)
    out = _finish(run)

    assert run.returncode == 128 + signal.SIGTERM
    assert f"stack {STACK} is left recorded; run `remediate gc`" in out
    assert (workspaces / "state" / "remediate" / f"{STACK}.json").exists()
    assert "stack rm" not in _commands(home)
