"""`remediate gc` ends the runners of dead runs and removes their work folders, and nothing of a live run."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.cli import gc_command
from agent.core.workspaces import OWNER_FILE, new_work_dir, workspaces_dir
from agent.engines.local.orphans import orphaned_runners, runner_marker

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
# A stand-in runner: the runner's command line, without its imports.
RUNNER_LIKE = [sys.executable, "-c", "import time; time.sleep(600)", "-m", "agent.engines.local.runner"]


@pytest.fixture(autouse=True)
def isolated_workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))


def dead_pid() -> int:
    """The pid of a process that has ended and been reaped."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_only_work_folders_of_dead_runs_are_removed(capsys):
    dead, alive = new_work_dir("dead"), new_work_dir("alive")  # made by this process: alive
    (dead / "project").mkdir()
    (dead / OWNER_FILE).write_text(str(dead_pid()))

    assert gc_command([]) == 0

    assert not dead.exists() and alive.is_dir()
    assert f"removed work folder {dead}" in capsys.readouterr().out


def start_runner(marker: dict[str, str], orphaned: bool) -> int:
    """A runner-like process with the marker; orphaned, its parent (a shell) has exited."""
    environment = {**os.environ, **marker}
    if not orphaned:
        return subprocess.Popen(RUNNER_LIKE, env=environment).pid
    command = " ".join(RUNNER_LIKE[:2] + [f"'{RUNNER_LIKE[2]}'"] + RUNNER_LIKE[3:])
    shell = subprocess.run(["sh", "-c", f"{command} </dev/null >/dev/null 2>&1 & echo $!"], env=environment, capture_output=True, text=True)
    return int(shell.stdout)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def test_orphaned_runners_of_this_workspaces_folder_are_killed(tmp_path, capsys):
    dead_owner = {**runner_marker(workspaces_dir()), "REMEDIATE_RUNNER_OWNER": str(dead_pid())}
    orphan = start_runner(dead_owner, orphaned=True)
    own = start_runner(runner_marker(workspaces_dir()), orphaned=False)  # this process's: a live run's
    elsewhere = start_runner({**dead_owner, "REMEDIATE_RUNNER_WORKSPACES": str(tmp_path / "other")}, orphaned=True)
    try:
        assert gc_command([]) == 0
        assert not alive(orphan)
        assert alive(own) and alive(elsewhere)
        assert f"killed orphaned runner {orphan}" in capsys.readouterr().out
    finally:
        for pid in (orphan, own, elsewhere):
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        os.waitpid(own, 0)


def test_a_killed_runs_runner_and_work_folder_are_collected(tmp_path, capsys):
    """The real case: a run killed with SIGKILL cannot stop its runner."""
    project = tmp_path / "forever"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: forever\nruntime: python\n")
    (project / "__main__.py").write_text("import time\n\nwhile True:\n    time.sleep(0.1)\n")
    root = Path(__file__).resolve().parent.parent
    run = subprocess.Popen(
        [sys.executable, "-m", "agent.cli", str(project), "--out", str(tmp_path / "out")],
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stacks = workspaces_dir() / "stacks"
    deadline = time.monotonic() + 120
    while not any(stacks.glob("*/preview.request.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    run.kill()
    run.wait()
    left = orphaned_runners(workspaces_dir())
    assert left and any((workspaces_dir() / "work").iterdir())

    assert gc_command(["--max-age", "0"]) == 0

    assert not any(map(alive, left))
    assert not any((workspaces_dir() / "work").iterdir()) and not any(stacks.iterdir())
    assert f"killed orphaned runner {left[0]}" in capsys.readouterr().out


def test_a_stack_gc_could_not_remove_is_reported_and_the_exit_is_non_zero(monkeypatch, capsys):
    from agent.core.workspaces import stacks_dir
    from agent.engines.local import engine

    stale = stacks_dir() / "ci-stale"
    stale.mkdir(parents=True)
    os.utime(stale, (0, 0))

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(engine.shutil, "rmtree", refuse)
    assert gc_command(["--max-age", "60"]) == 1
    err = capsys.readouterr().err
    assert "could not remove stack ci-stale: [Errno 13] Permission denied" in err
