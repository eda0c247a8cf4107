"""The embedded engine: each phase runs the program in a forked child under the mock monitor."""

from __future__ import annotations

import ast
import json
import os
import select
import shutil
import signal
import subprocess
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from agent.core import run_defaults, run_errors
from agent.core.classify import to_deploy_error
from agent.core.errors import DeployError, ErrorKind
from agent.core.project import Project
from agent.core.workspaces import Collected, stack_state_dir, stacks_dir, workspaces_dir
from agent.engines.base import RunResult, StackRef
from agent.engines.local.orphans import runner_marker
from agent.engines.local.packages import Installer, PackageUnavailable, installed_package_dirs, pip_install
from agent.engines.local.runner_process import ForkedRunner, start_runner
from agent.engines.local.sandbox import Limits, group_members, killed_by, limit_reached, runner_environment

GRACE_S = 15.0  # the runner's own answer may lag its deadline (it reaps, then warms imports)
LOG_TAIL_BYTES = 64 * 1024  # of a dead program's output, what its error is read from
STARTUP_S = 120.0  # a runner's first answer waits for its imports (pulumi, pulumi_aws, moto)


def collect_local_garbage(max_age_s: float = run_defaults.STALE_STACK_AGE_S) -> Collected:
    """Remove local stack state a killed run left behind (untouched for max_age_s)."""
    root = stacks_dir()
    cutoff = time.time() - max_age_s
    collected = Collected()
    for state in sorted(root.glob("*")) if root.is_dir() else []:
        if state.is_dir() and state.stat().st_mtime < cutoff:
            collected.remove_tree(state, f"stack {state.name}")
    return collected


def log_tail(log: Path, size: int = LOG_TAIL_BYTES) -> str:
    """The end of a program's output, which holds its last words: a program may print gigabytes,
    and a report needs none of them."""
    if not log.is_file():
        return ""
    with open(log, "rb") as output:
        output.seek(max(0, output.seek(0, os.SEEK_END) - size))
        return output.read().decode(errors="replace").strip()


def _kill_group(pgid: int) -> None:
    """Kill a program's process group and see it gone: the kill is delivered, not yet done, when
    killpg returns, and a run is over only when nothing of its program is left."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + GRACE_S
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.02)


def _kill(process: subprocess.Popen | ForkedRunner) -> None:
    """End the runner and any program child it forked (they share a process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def services_named(project: Project) -> set[str]:
    """The pulumi_aws services the project's code names (`aws.s3`, `from pulumi_aws import iam`,
    `import pulumi_aws.ec2`). Importing one costs up to seconds; the runner does it once, before
    it forks a phase, instead of in every phase's child."""
    found: set[str] = set()
    for _, tree in project.syntax_trees():
        aliases: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    package, _, service = alias.name.partition(".")
                    if package == "pulumi_aws":
                        aliases.update([] if service else [alias.asname or package])
                        found.update([service.split(".")[0]] if service else [])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pulumi_aws" and not node.level:
                service = node.module.split(".")[1:2]
                found.update(service or [alias.name for alias in node.names])
        found.update(
            n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
        )
    return found


class LocalEngine:
    """Runs phases through one long-lived runner process that forks a fresh child per phase."""

    name = "local"
    account_id = run_defaults.LOCAL_ACCOUNT_ID  # the emulated account every ARN it makes carries

    def __init__(self, timeout_s: float = run_defaults.LOCAL_TIMEOUT_S, limits: Limits | None = None, installer: Installer = pip_install):
        self.timeout_s = timeout_s
        self.installer = installer  # installs a Pulumi package the program imports and this environment lacks
        self.limits = limits or Limits.configured()
        # Benchmarks only: REMEDIATE_SANDBOX=off runs the program uncontained, to measure the cost.
        self.contained = os.environ.get("REMEDIATE_SANDBOX") != "off"
        self._runner: subprocess.Popen | ForkedRunner | None = None
        self._child: int | None = None  # the running phase's child: its process group is the program's

    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        phases = ["preview"] if preview_only else ["preview", "up"]
        state_dir = stack_state_dir(stack.name)
        state_dir.mkdir(parents=True, exist_ok=True)
        try:  # here, with the network: the program runs without one
            packages = [str(folder) for folder in installed_package_dirs(project, self.installer)]
        except PackageUnavailable as missing:
            return RunResult(ok=False, phase="preview", errors=[run_errors.package_unavailable(str(missing), missing.requirement)])
        result = RunResult(ok=True, phase="preview")
        self.warm_up(project)
        for phase in phases:
            result = self._run_phase(project, stack, phase, state_dir, packages=packages)
            if not result.ok:
                return result
        (state_dir / "state.json").write_text(json.dumps({"resources": result.resources}, indent=1))
        return result

    def remove_stack(self, project: Project, stack: StackRef) -> None:
        self.close()
        shutil.rmtree(stack_state_dir(stack.name), ignore_errors=True)

    def close(self) -> None:
        """Stop the runner process (it holds only warm imports, no state)."""
        if self._runner is not None:
            _kill(self._runner)
            self._runner = None
        if self._child is not None:
            _kill_group(self._child)
            self._child = None

    # ------------------------------------------------------------------
    def _run_phase(self, project: Project, stack: StackRef, phase: str, state_dir: Path, packages: list[str]) -> RunResult:
        request = {
            "root": str(project.root),
            "main": project.main,
            "project": project.name,
            # The program sees the stack it was given: names it derives from pulumi.get_stack() are
            # those a deploy of that stack makes (the suffix only keeps this run's state apart).
            "stack": stack.base,
            "phase": phase,
            "region": stack.region,
            "config": self._config(project, stack),
            "environment": stack.environment_for(project.root),
            "package_paths": packages,  # installed Pulumi packages, after the program's own path entries
        }
        paths = {name: state_dir / f"{phase}.{name}" for name in ("request.json", "result.json", "log")}
        paths["request.json"].write_text(json.dumps(request))
        paths["result.json"].unlink(missing_ok=True)
        job: dict[str, Any] = {
            "request": str(paths["request.json"]),
            "result": str(paths["result.json"]),
            "log": str(paths["log"]),
            "timeout_s": self.timeout_s,
        }
        if self.contained:
            job["sandbox"] = {
                "limits": asdict(self.limits),
                "region": stack.region,
                "phase": phase,
                "writable": [str(project.root), str(state_dir)],
                "hidden": [str(Path.home()), "/root"],  # the runner's own environment no longer names HOME
                "readable": packages,  # shown read-only even where `hidden` covers them
            }
        ending = self._ask_runner(job)
        if ending:
            return RunResult(ok=False, phase=phase, errors=[DeployError(ErrorKind.PROGRAM, ending, phase=phase)])
        if not paths["result.json"].is_file():
            output = log_tail(paths["log"])
            last = output.splitlines()[-1] if output else "the program's process died without a result"
            return RunResult(ok=False, phase=phase, errors=[to_deploy_error(last, raw=output, phase=phase)])
        data = json.loads(paths["result.json"].read_text())
        errors = [self._error(failure, phase) for failure in data["failures"]]
        return RunResult(ok=not errors, phase=phase, errors=errors, resources=data["resources"])

    def warm_up(self, project: Project | None = None) -> None:
        """Start the runner now, so its imports overlap the caller's own work (the static check),
        and have it import the provider services the project names before it forks a phase."""
        if self._runner is None or self._runner.poll() is not None:
            self._runner = start_runner(self._environment())
        if project is not None:
            try:
                self._runner.stdin.write(json.dumps({"warm": sorted(services_named(project))}) + "\n")
                self._runner.stdin.flush()
            except BrokenPipeError:
                pass  # the next phase's job finds the runner dead and says how it ended

    def _ask_runner(self, job: dict[str, Any]) -> str | None:
        """Send one job to the runner; why the phase ended without a result of its own, or None."""
        self.warm_up()
        runner = self._runner
        try:
            runner.stdin.write(json.dumps(job) + "\n")
            runner.stdin.flush()
        except BrokenPipeError:
            return self._runner_died()
        started = self._answer(STARTUP_S)
        self._child = started["child"] if started else None
        ended = self._answer(self.timeout_s + GRACE_S) if started else None
        if ended is None:
            return self._runner_died()
        self._child = None
        if ended["timed_out"]:
            return f"timed out after {self.timeout_s:g} s"
        if ended.get("over_processes"):
            return f"process limit of {self.limits.processes} reached"
        return killed_by(ended["signal"], self.limits) if ended["signal"] else None

    def _answer(self, timeout_s: float) -> dict[str, Any] | None:
        """The runner's next answer; None when it closed its pipe or stayed silent for timeout_s."""
        ready, _, _ = select.select([self._runner.stdout], [], [], timeout_s)
        line = self._runner.stdout.readline() if ready else ""
        return json.loads(line) if line.strip() else None

    def _runner_died(self) -> str:
        """The runner closed its pipe or stopped answering: how it ended, once it has."""
        try:
            code = self._runner.wait(timeout=GRACE_S)
        except subprocess.TimeoutExpired:
            return self._silent()
        self.close()
        how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return f"the local engine's runner died ({how})"

    def _silent(self) -> str:
        self.close()
        return f"timed out after {self.timeout_s:g} s (the local engine's runner stopped answering)"

    def _error(self, failure: dict[str, Any], phase: str) -> DeployError:
        limit = limit_reached(failure["message"], self.limits)
        if limit:
            raw = failure.get("traceback") or failure["message"]
            return DeployError(ErrorKind.PROGRAM, limit, raw=raw, file=failure.get("file"), line=failure.get("line"), phase=phase)
        return to_deploy_error(
            failure["message"],
            raw=failure.get("traceback") or failure["message"],
            resource_type=failure.get("resource_type"),
            resource_name=failure.get("resource_name"),
            file=failure.get("file"),
            line=failure.get("line"),
            phase=phase,
        )

    @staticmethod
    def _config(project: Project, stack: StackRef) -> dict[str, str]:
        config: dict[str, Any] = {**project.project_config(), **project.stack_config(stack.base)}
        for key, value in {**stack.config, **stack.secrets}.items():
            config[project.qualify(key)] = value
        config["aws:region"] = stack.region
        return {key: value if isinstance(value, str) else json.dumps(value) for key, value in config.items()}

    @staticmethod
    def _environment() -> dict[str, str]:
        env = runner_environment(dict(os.environ))
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["MALLOC_ARENA_MAX"] = "2"  # each thread's own malloc arena reserves 64 MiB of the memory limit
        package_root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = package_root
        env.update(runner_marker(workspaces_dir()))  # so `remediate gc` can tell this run's runner is orphaned
        return env
