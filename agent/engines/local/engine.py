"""The embedded engine: each phase runs the program in a child process under the mock monitor."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from agent.classify import to_deploy_error
from agent.engines.base import RunResult, StackRef
from agent.errors import DeployError, ErrorKind
from agent.project import Project
from agent.workspaces import stack_state_dir

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SECURITY_TOKEN")


class LocalEngine:
    name = "local"

    def __init__(self, timeout_s: float = 300.0):
        self.timeout_s = timeout_s

    def run(self, project: Project, stack: StackRef, preview_only: bool = False) -> RunResult:
        phases = ["preview"] if preview_only else ["preview", "up"]
        state_dir = stack_state_dir(stack.name)
        state_dir.mkdir(parents=True, exist_ok=True)
        result = RunResult(ok=True, phase="preview")
        for phase in phases:
            result = self._run_phase(project, stack, phase, state_dir)
            if not result.ok:
                return result
        (state_dir / "state.json").write_text(json.dumps({"resources": result.resources}, indent=1))
        return result

    def remove_stack(self, project: Project, stack: StackRef) -> None:
        shutil.rmtree(stack_state_dir(stack.name), ignore_errors=True)

    # ------------------------------------------------------------------
    def _run_phase(self, project: Project, stack: StackRef, phase: str, state_dir: Path) -> RunResult:
        request = {
            "root": str(project.root),
            "main": project.main,
            "project": project.name,
            "stack": stack.name,
            "phase": phase,
            "region": stack.region,
            "config": self._config(project, stack),
        }
        request_path = state_dir / f"{phase}.request.json"
        result_path = state_dir / f"{phase}.result.json"
        request_path.write_text(json.dumps(request))
        result_path.unlink(missing_ok=True)
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "agent.engines.local.runner", str(request_path), str(result_path)],
                env=self._environment(),
                capture_output=True,
                text=True,
                timeout=self.timeout_s,
                cwd=tempfile.gettempdir(),
            )
        except subprocess.TimeoutExpired:
            message = f"the program did not finish within {self.timeout_s:.0f}s"
            return RunResult(ok=False, phase=phase, errors=[DeployError(ErrorKind.PROGRAM, message, phase=phase)])
        if not result_path.is_file():
            stderr = completed.stderr.strip() or f"runner exited with {completed.returncode}"
            last = stderr.splitlines()[-1]
            return RunResult(ok=False, phase=phase, errors=[to_deploy_error(last, raw=stderr, phase=phase)])
        data = json.loads(result_path.read_text())
        errors = [self._error(failure, phase) for failure in data["failures"]]
        return RunResult(ok=not errors, phase=phase, errors=errors, resources=data["resources"])

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
        config: dict[str, Any] = {}
        for key, value in project.stack_config(stack.base).items():
            config[key] = value
        for key, value in stack.config.items():
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
