"""Hostile programs on the local engine: each ends with an error naming what stopped it, and
leaves no process behind. One runner serves the module's runs (as it serves a run's attempts)."""

import os
import socket
import textwrap
import threading
import uuid
from pathlib import Path

import pytest

from agent.arguments import add_limits
from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.local import sandbox
from agent.engines.local.engine import LocalEngine
from agent.engines.local.sandbox import Limits
from agent.run import RunOptions, remediate


@pytest.fixture(autouse=True)
def isolated_workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))


@pytest.fixture(scope="module")
def engine():
    engine = LocalEngine()
    yield engine
    engine.close()


@pytest.fixture
def run(engine, tmp_path):
    """Preview a program under the given limits; its errors' messages, once nothing it started is left."""

    def _run(program: str, timeout_s: float = 30.0, **limits: int) -> list[str]:
        root = tmp_path / f"program-{uuid.uuid4().hex[:8]}"
        root.mkdir()
        (root / "Pulumi.yaml").write_text("name: hostile\nruntime: python\n")
        (root / "__main__.py").write_text(textwrap.dedent(program))
        engine.timeout_s, engine.limits = timeout_s, Limits.configured(**limits)
        result = engine.run(Project.open(root), StackRef.ephemeral("dev", "us-east-1"), preview_only=True)
        if engine._runner is not None and engine._runner.poll() is None:
            assert sandbox._children(engine._runner.pid) == []
        return [error.message for error in result.errors]

    return _run


def running(marker: str) -> list[int]:
    """Processes whose command line holds the marker."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                found.append(int(entry))
        except OSError:
            continue
    return found


def sleep_marker() -> str:
    """A `sleep` argument no other test's process has: 600 seconds and a unique fraction."""
    return f"600.{uuid.uuid4().int % 10**9:09d}"


def test_infinite_loop_is_stopped_at_the_wall_clock_limit(run):
    assert run("while True:\n    pass\n", timeout_s=2) == ["timed out after 2 s"]


def test_cpu_time_is_limited(run):
    assert run("while True:\n    pass\n", timeout_s=60, cpu_s=1) == ["CPU time limit of 1 s reached"]


def test_memory_hog_hits_the_memory_limit(run):
    program = "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 2**20))\n"
    assert run(program, memory_mib=1536) == ["memory limit of 1.5 GiB reached"]


def test_bounded_fork_bomb_ends_and_leaves_nothing(run):
    marker = sleep_marker()
    program = f"""
    import os, time
    for _ in range(100):
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "{marker}"])
    time.sleep(600)
    """
    errors = run(program, timeout_s=30, processes=20)
    assert errors == ["process limit of 20 reached"]  # the kernel's limit, or the runner's for root
    assert running(marker) == []


def test_background_processes_do_not_outlive_the_run(run):
    in_group, escaped = sleep_marker(), sleep_marker()
    program = f"""
    import subprocess
    subprocess.Popen(["sleep", "{in_group}"])
    subprocess.Popen(["setsid", "sh", "-c", "sleep {escaped} &"])  # its own session, orphaned at once
    """
    assert run(program) == []
    assert running(in_group) == running(escaped) == []


@pytest.fixture
def server():
    """A TCP server on the host's loopback; the connections it accepted."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join()
    listener.close()


def test_python_cannot_reach_a_server_on_the_hosts_loopback(run, server):
    port, accepted = server
    errors = run(f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=5)\n")
    assert errors == [f"PermissionError: network access refused: 127.0.0.1:{port}"]
    assert accepted == []


def test_a_host_name_is_refused_by_name(run):
    (error,) = run("import urllib.request\nurllib.request.urlopen('http://example.com/', timeout=5)\n")
    assert "network access refused: example.com:80" in error


def test_other_processes_are_out_of_the_network_too(run, server):
    """The audit hook binds Python only: a program's subprocesses meet the network namespace."""
    port, accepted = server
    program = f"""
    import subprocess
    probe = "import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5)"
    done = subprocess.run(["python3", "-c", probe], capture_output=True, text=True)
    raise SystemExit(done.stderr.strip().splitlines()[-1])
    """
    (error,) = run(program)
    assert "Network is unreachable" in error
    assert accepted == []


def test_a_deploy_time_pip_install_is_named_as_the_sandboxs_refusal(run):
    """A Lambda package built with `pip install --target` at deploy time works on a machine with a
    network; here it cannot, and the report says that, not that the program is broken."""
    program = """
    import subprocess, sys
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--no-input", "--retries", "0",
                           "--timeout", "2", "--target", "package", "six"])
    """
    (error,) = run(program)
    assert error.startswith("network access refused: `")
    assert "-m pip install --quiet" in error and error.endswith("needs the network, and the local engine runs a program without it")


def test_a_program_that_kills_its_runner_is_reported_as_such(run):
    marker = sleep_marker()
    program = f"""
    import os, signal, subprocess
    subprocess.Popen(["sleep", "{marker}"])
    os.kill(os.getppid(), signal.SIGKILL)
    """
    assert run(program) == ["the local engine's runner died (killed by SIGKILL)"]
    assert running(marker) == []


SECRETS = {
    "GITHUB_TOKEN": "ghp_secret0token0value",
    "DB_PASSWORD": "hunter2-secret-password",
    "AWS_ACCESS_KEY_ID": "AKIAREALKEY000000000",
    "AWS_SECRET_ACCESS_KEY": "real/secret/access/key/value",
    "PULUMI_ACCESS_TOKEN": "pul-secret-access-token",
}
STORED_SECRET = "stored/credentials/file/secret"

SNOOP = """
import json, os, pathlib
import boto3

stored = pathlib.Path("~/.aws/credentials").expanduser()
found = stored.read_text() if stored.exists() else "no credentials file"
print(found, dict(os.environ))
account = boto3.client("sts", region_name="us-east-1").get_caller_identity()["Account"]
raise RuntimeError(json.dumps({"home": found, "environment": dict(os.environ), "account": account}))
"""


def test_no_credential_reaches_the_program_or_any_output(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text(f"[default]\naws_secret_access_key = {STORED_SECRET}\n")
    monkeypatch.setenv("HOME", str(home))
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    project = tmp_path / "snoop"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: snoop\nruntime: python\n")
    (project / "__main__.py").write_text(SNOOP)

    report = remediate(project, RunOptions(out=tmp_path / "out", max_attempts=1, preview_only=True, environment={"GIVEN": "by --env"}))

    error = report.outcome.remaining_error
    assert '"home": "no credentials file"' in error.message
    assert '"AWS_EC2_METADATA_DISABLED": "true"' in error.message and '"GIVEN": "by --env"' in error.message
    assert '"account": "123456789012"' in error.message  # boto3 in preview reached moto, not an account
    outputs = [path for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert {"fixlog.jsonl", "report.md", "summary.json"} <= {path.name for path in outputs}
    for path in outputs + list((tmp_path / "workspaces").rglob("*.log")):
        text = path.read_text(errors="replace")
        for secret in [*SECRETS.values(), STORED_SECRET]:
            assert secret not in text, (path, secret)


def test_limits_come_from_config_and_the_command_line():
    import argparse

    parser = argparse.ArgumentParser()
    add_limits(parser)
    args = parser.parse_args(["--memory-limit", "4096"])
    limits = Limits.configured(memory_mib=args.memory_limit, cpu_s=args.cpu_limit)
    assert (limits.memory_mib, limits.cpu_s) == (4096, Limits.configured().cpu_s)
    assert sandbox.size_text(limits.memory_mib) == "4 GiB"


def test_a_failed_command_that_needs_no_network_keeps_its_own_error(tmp_path):
    import subprocess

    from agent.engines.local.runner import exception_failure

    failure = exception_failure(subprocess.CalledProcessError(1, ["zip", "-r", "lambda.zip", "src"]), tmp_path)
    assert failure["message"].startswith("subprocess.CalledProcessError: Command '['zip'")
    shell = exception_failure(subprocess.CalledProcessError(1, "pip3 install -r requirements.txt"), tmp_path)
    assert shell["message"].startswith("network access refused: `pip3 install -r requirements.txt`")


def test_a_huge_stdout_runs_and_a_dead_programs_error_is_read_from_its_last_words(run):
    """50 MB of output is the program's business; when it then dies without a result, the error is
    its last line, read from the end of its output without loading the rest."""
    assert run("import sys\nline = 'x' * 1023 + '\\n'\nfor _ in range(50_000):\n    sys.stdout.write(line)\n") == []
    program = """
    import os, sys
    line = "y" * 1023 + "\\n"
    for _ in range(50_000):
        sys.stdout.write(line)
    print("fatal: the last words", flush=True)
    os._exit(3)
    """
    (error,) = run(program)
    assert error.endswith("fatal: the last words")


def test_only_the_tail_of_a_log_is_read(tmp_path):
    from agent.engines.local.engine import log_tail

    log = tmp_path / "preview.log"
    log.write_bytes(b"z" * 1_000_000 + b"\nthe end\n")
    assert log_tail(log, size=100).endswith("z\nthe end") and len(log_tail(log, size=100)) <= 100
    assert log_tail(tmp_path / "missing.log") == ""
