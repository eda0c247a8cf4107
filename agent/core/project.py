"""A Pulumi project on disk: its Pulumi.yaml, its Python sources and its stack config."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SKIPPED_DIRS = {".git", "__pycache__", "venv", ".venv", "node_modules", ".pulumi", ".pytest_cache", "tests", "test"}


def _holds_installed_packages(folder: Path) -> bool:
    """A folder pip installed into: it holds packages' `.dist-info`/`.egg-info` records."""
    return any(entry.is_dir() and entry.suffix in (".dist-info", ".egg-info") for entry in folder.iterdir())


class ProjectError(ValueError):
    """The path given is not a usable Pulumi project (reported as one line, exit 2)."""


@dataclass
class Project:
    root: Path

    @classmethod
    def open(cls, path: Path) -> Project:
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such directory")
        if not path.is_dir():
            raise ProjectError(f"{path}: not a directory (expected a Pulumi project holding Pulumi.yaml)")
        if not (path / "Pulumi.yaml").is_file():
            raise ProjectError(f"{path}: no Pulumi.yaml here, so this is not a Pulumi project")
        project = cls(path.resolve())
        project.settings()  # fail early on unreadable YAML
        return project

    # ---- Pulumi.yaml -------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        try:
            data = yaml.safe_load((self.root / "Pulumi.yaml").read_text()) or {}
        except yaml.YAMLError as exc:
            raise ProjectError(f"{self.root / 'Pulumi.yaml'}: invalid YAML ({exc.__class__.__name__})") from exc
        if not isinstance(data, dict) or not data.get("name"):
            raise ProjectError(f"{self.root / 'Pulumi.yaml'}: no project 'name'")
        return data

    @property
    def name(self) -> str:
        return str(self.settings()["name"])

    @property
    def runtime(self) -> str:
        runtime = self.settings().get("runtime", "python")
        return runtime.get("name", "python") if isinstance(runtime, dict) else str(runtime)

    @property
    def main(self) -> str | None:
        main = self.settings().get("main")
        return str(main) if main else None

    def write_settings(self, data: dict[str, Any]) -> None:
        (self.root / "Pulumi.yaml").write_text(yaml.safe_dump(data, sort_keys=False))

    # ---- stack config ------------------------------------------------------
    def stack_config_path(self, stack: str) -> Path:
        return self.root / f"Pulumi.{stack}.yaml"

    def project_config(self) -> dict[str, Any]:
        """Defaults from Pulumi.yaml's `config:` block (a value, or {default|value: ...}), keys qualified."""
        values: dict[str, Any] = {}
        for key, entry in (self.settings().get("config") or {}).items():
            if isinstance(entry, dict):
                entry = entry.get("value", entry.get("default"))
            if entry is not None:
                values[self.qualify(key)] = entry
        return values

    def stack_config(self, stack: str) -> dict[str, Any]:
        """Config values of Pulumi.<stack>.yaml, keys fully qualified (project:key)."""
        path = self.stack_config_path(stack)
        if not path.is_file():
            return {}
        data = yaml.safe_load(path.read_text()) or {}
        config = data.get("config") or {}
        return {self.qualify(key): value for key, value in config.items()}

    def set_stack_config(self, stack: str, key: str, value: str) -> None:
        path = self.stack_config_path(stack)
        data = (yaml.safe_load(path.read_text()) or {}) if path.is_file() else {}
        data.setdefault("config", {})[self.qualify(key)] = value
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    def qualify(self, key: str) -> str:
        return key if ":" in key else f"{self.name}:{key}"

    # ---- sources -----------------------------------------------------------
    def python_files(self) -> Iterator[str]:
        """Relative paths of the program's Python files: tests, virtualenvs and folders packages
        were installed into (a function's `pip install --target build/`) left out."""
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not _holds_installed_packages(Path(folder) / d)]
            found += [(Path(folder) / name).relative_to(self.root) for name in names if name.endswith(".py")]
        for rel in sorted(found):
            yield rel.as_posix()

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text()

    def syntax_trees(self) -> Iterator[tuple[str, ast.Module]]:
        """(path, tree) of each Python file that parses: what reading the program's structure needs."""
        for path in self.python_files():
            try:
                yield path, ast.parse(self.read(path))
            except (SyntaxError, ValueError, OSError):
                continue

    def write(self, rel: str, text: str) -> None:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)

    def relative(self, path: str | Path) -> str | None:
        """A path inside the project as a relative posix path; None when it is outside."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None
