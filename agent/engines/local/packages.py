"""Pulumi packages a program imports that remediate's own environment lacks (pulumi_awsx,
pulumi_random, pulumi_tls, pulumi_command...), installed as `pulumi install` would.

Each is installed at the version the project's requirements.txt or pyproject.toml asks (any
version when neither names it) into a folder of its own under <workspaces>/packages, cached per
package and version specifier, never into remediate's environment. The runner puts the folders at
the END of the program's sys.path, so the pulumi and pulumi_aws remediate runs with win over any
copy a package's dependencies brought along. The program runs with no network, so installing
happens here, in the engine, before the runner is asked to run a phase; the program's sandbox sees
the folders read-only.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from agent.core.project import Project
from agent.core.workspaces import workspaces_dir

INSTALL_TIMEOUT_S = 300.0


class PackageUnavailable(Exception):
    """A package the program imports could not be installed: the message names it and why, on one line."""

    def __init__(self, requirement: str, why: str):
        super().__init__(f"{requirement}: the program imports it and it could not be installed ({why})")
        self.requirement = requirement


Installer = Callable[[str, Path], None]  # (requirement, target folder): install or raise PackageUnavailable


def imported_packages(project: Project) -> set[str]:
    """Top-level `pulumi_*` modules the project's files import that are not project modules."""
    names = set()
    for _, tree in project.syntax_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    own = {Path(path).parts[0].removesuffix(".py") for path in project.python_files()}
    return {name for name in names if name.startswith("pulumi_") and name.isidentifier() and name not in own}


def missing_packages(project: Project) -> list[str]:
    """The imported Pulumi packages this interpreter (the runner's) cannot import, sorted."""
    return sorted(name for name in imported_packages(project) if importlib.util.find_spec(name) is None)


def _requirements(project: Project) -> list[Requirement]:
    """What the project's requirements.txt and pyproject.toml ([project] dependencies) ask for."""
    lines: list[str] = []
    if (project.root / "requirements.txt").is_file():
        lines += [line.split("#")[0].strip() for line in project.read("requirements.txt").splitlines()]
    if (project.root / "pyproject.toml").is_file():
        try:
            data = tomllib.loads(project.read("pyproject.toml"))
        except tomllib.TOMLDecodeError:
            data = {}
        dependencies = data.get("project", {}).get("dependencies", [])
        lines += [str(line) for line in dependencies] if isinstance(dependencies, list) else []
    found = []
    for line in lines:
        if line and not line.startswith("-"):
            try:
                found.append(Requirement(line))
            except InvalidRequirement:
                continue
    return found


def requirement_for(project: Project, module: str) -> str:
    """The requirement to install for an imported module: its distribution (pulumi_awsx ->
    pulumi-awsx) with the version specifier the project pins, if any."""
    name = canonicalize_name(module)
    pinned = next((r for r in _requirements(project) if canonicalize_name(r.name) == name), None)
    return f"{name}{pinned.specifier}" if pinned is not None else str(name)


def pip_install(requirement: str, target: Path) -> None:
    """pip install the requirement into `target` with this interpreter, or raise PackageUnavailable."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "--target", str(target)]
    try:
        done = subprocess.run([*command, requirement], capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise PackageUnavailable(requirement, f"pip took over {INSTALL_TIMEOUT_S:g} s") from None
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("ERROR")] or lines or [f"pip exited {done.returncode}"]
        raise PackageUnavailable(requirement, errors[-1])


def package_dir(requirement: str) -> Path:
    """The cache folder of one requirement (package and specifier) under the workspaces folder."""
    digest = hashlib.sha256(requirement.encode()).hexdigest()[:12]
    name = Requirement(requirement).name
    return workspaces_dir() / "packages" / f"{name}-{digest}"


def installed_package_dirs(project: Project, installer: Installer = pip_install) -> list[Path]:
    """A folder holding each Pulumi package the program imports and this environment lacks,
    installed now when not cached yet; PackageUnavailable names the first that cannot be."""
    folders = []
    for module in missing_packages(project):
        requirement = requirement_for(project, module)
        folder = package_dir(requirement)
        if not folder.is_dir():
            folder.parent.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
            try:
                installer(requirement, scratch)
                if not (scratch / module).exists() and not (scratch / f"{module}.py").exists():
                    raise PackageUnavailable(requirement, f"it installs no module named {module}")
                os.replace(scratch, folder)  # whole or not at all; a concurrent run's copy is as good
            except OSError:
                if not folder.is_dir():
                    raise
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        folders.append(folder)
    return folders
