"""The embedded engine: each phase runs the program in a forked child under the mock monitor."""

from __future__ import annotations

import json
import os
import select
import signal
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from agent.core import run_defaults
from agent.core.classify import to_deploy_error
from agent.engines.base import RunResult, StackRef
from agent.core.errors import DeployError, ErrorKind
from agent.core.project import Project
from agent.core.workspaces import stack_state_dir, stacks_dir

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SECURITY_TOKEN")


def collect_local_garbage(max_age_s: float = run_defaults.STALE_STACK_AGE_S) -> list[str]:
    """Remove local stack state a killed run left behind (untouched for max_age_s); their names."""
    root = stacks_dir()
    cutoff = time.time() - max_age_s
    removed = []
    for state in sorted(root.glob("*")) if root.is_dir() else []:
        if state.is_dir() and state.stat().st_mtime < cutoff:
            shutil.rmtree(state, ignore_errors=True)
            removed.append(state.name)
    return removed


def _kill(process: subprocess.Popen) -> None:
    """End the runner and any program child it forked (they share a process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


class LocalEngine:
    """Runs phases through one long-lived runner process that forks a fresh child per phase."""

    name = "local"

    def __init__(self, timeout_s: float = run_defaults.LOCAL_TIMEOUT_S):
        self.timeout_s = timeout_s
        self._runner: Optional[subprocess.Popen] = None

    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        phases = ["preview"] if preview_only else ["preview", "up"]
        state_dir = stack_state_dir(stack.name)
        state_dir.mkdir(parents=True, exist_ok=True)
        result = RunResult(ok=True, phase="preview")
        for phase in phases:
            result = self._run_phase(project, stack, phase, state_dir, will_run_up=not preview_only)
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

    # ------------------------------------------------------------------
    def _run_phase(self, project: Project, stack: StackRef, phase: str, state_dir: Path, will_run_up: bool) -> RunResult:
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
        }
        paths = {name: state_dir / f"{phase}.{name}" for name in ("request.json", "result.json", "log")}
        paths["request.json"].write_text(json.dumps(request))
        paths["result.json"].unlink(missing_ok=True)
        job = {"request": str(paths["request.json"]), "result": str(paths["result.json"]), "log": str(paths["log"])}
        if phase == "preview" and will_run_up:
            job["warm_region"] = stack.region
        if not self._ask_runner(job):
            self.close()
            message = f"the program did not finish within {self.timeout_s:.0f}s"
            return RunResult(ok=False, phase=phase, errors=[DeployError(ErrorKind.PROGRAM, message, phase=phase)])
        if not paths["result.json"].is_file():
            output = paths["log"].read_text(errors="replace").strip() if paths["log"].is_file() else ""
            last = output.splitlines()[-1] if output else "the program's process died without a result"
            return RunResult(ok=False, phase=phase, errors=[to_deploy_error(last, raw=output, phase=phase)])
        data = json.loads(paths["result.json"].read_text())
        errors = [self._error(failure, phase) for failure in data["failures"]]
        return RunResult(ok=not errors, phase=phase, errors=errors, resources=data["resources"])

    def warm_up(self) -> None:
        """Start the runner now, so its imports overlap the caller's own work (the static check)."""
        if self._runner is None or self._runner.poll() is not None:
            self._runner = subprocess.Popen(
                [sys.executable, "-m", "agent.engines.local.runner"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=self._environment(),
                cwd=tempfile.gettempdir(),
                start_new_session=True,
            )

    def _ask_runner(self, job: dict[str, str]) -> bool:
        """Send one job to the runner; False when it did not answer within the timeout."""
        self.warm_up()
        runner = self._runner
        try:
            runner.stdin.write(json.dumps(job) + "\n")
            runner.stdin.flush()
        except BrokenPipeError:
            return False
        ready, _, _ = select.select([runner.stdout], [], [], self.timeout_s)
        return bool(ready) and runner.stdout.readline().strip() == "done"

    @staticmethod
    def _error(failure: dict[str, Any], phase: str) -> DeployError:
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
        env = {key: value for key, value in os.environ.items() if key not in CREDENTIAL_VARIABLES}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        package_root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        return env
