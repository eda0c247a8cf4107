"""SIGTERM and SIGHUP end a run as Ctrl-C does: the runner and the program are gone, the stack removed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOREVER = "import time\n\nimport pulumi\n\nwhile True:\n    time.sleep(0.1)\n"


def _processes_with(marker: str) -> list[int]:
    """Live processes whose environment carries the marker (this test's workspaces folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes() and (entry / "stat").read_text().split()[2] != "Z":
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find leftover processes")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_run_leaves_no_process_and_no_stack(tmp_path, signum):
    project = tmp_path / "forever"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: forever\nruntime: python\n")
    (project / "__main__.py").write_text(FOREVER)
    workspaces = tmp_path / "workspaces"
    env = {**os.environ, "REMEDIATE_WORKSPACES": str(workspaces), "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-m", "agent.cli", str(project), "--out", str(tmp_path / "out")],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = _wait_for(lambda: any((workspaces / "stacks").glob("*/preview.request.json")), 120)
        assert started, "the program never started"
        time.sleep(1.0)  # the program is in its loop
        run.send_signal(signum)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 128 + signum
    assert f"terminated by {signal.Signals(signum).name}; the ephemeral stack was removed" in stderr
    assert "Traceback" not in stderr
    assert _wait_for(lambda: not _processes_with(str(workspaces)), 10), "a runner or program process outlived the run"
    assert not any((workspaces / "stacks").glob("*")), "the ephemeral stack's state is still there"


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find leftover processes")
def test_a_killed_run_leaves_a_valid_fix_log_and_gc_collects_the_rest(tmp_path):
    """SIGKILL runs no `finally`: what the run wrote so far is whole JSON lines, and `remediate gc`
    removes the runner, the stack and the work folder it left behind."""
    import json

    project = tmp_path / "forever"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: forever\nruntime: python\n")
    (project / "__main__.py").write_text(FOREVER)
    workspaces, out = tmp_path / "workspaces", tmp_path / "out"
    env = {**os.environ, "REMEDIATE_WORKSPACES": str(workspaces), "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-m", "agent.cli", str(project), "--out", str(out)], env=env, cwd=tmp_path, stderr=subprocess.DEVNULL
    )
    try:
        assert _wait_for(lambda: any((workspaces / "stacks").glob("*/preview.request.json")), 120), "the program never started"
        time.sleep(1.0)
        run.kill()
        run.wait(timeout=30)
        events = [json.loads(line) for line in (out / "fixlog.jsonl").read_text().splitlines()]
        assert [event["event"] for event in events][:2] == ["run_started", "attempt_started"]
        gc = subprocess.run(
            [sys.executable, "-m", "agent.cli", "gc", "--max-age", "0"], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert gc.returncode == 0, gc.stderr
        assert _wait_for(lambda: not _processes_with(str(workspaces)), 10), "gc left a runner or program process"
        assert not any((workspaces / "stacks").glob("*")), "gc left the killed run's stack"
        assert not list((workspaces / "work").glob("*")), "gc left the killed run's work folder"
    finally:
        if run.poll() is None:
            run.kill()
