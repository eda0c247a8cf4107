"""Where the program starts and how its imports resolve: shared by RM008 and RM034-RM037.

Pulumi runs Pulumi.yaml's `main` (a file, or a directory holding __main__.py; default the root's
__main__.py) with cwd and sys.path[0] set to its directory.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import yaml

from agent.core.fixes import Edit, edit_file
from agent.core.project import Project
from agent.core.project_modules import entry_file
from fixers._yaml_text import kept_or_dumped


def under(base: str, *parts: str) -> str:
    return PurePosixPath(base, *parts).as_posix() if base else PurePosixPath(*parts).as_posix()


def resolves(project: Project, base: str, module: str) -> bool:
    """Whether `import module` finds a project file or directory with `base` on sys.path."""
    path = project.root / under(base, *module.split("."))
    return path.is_dir() or path.with_name(path.name + ".py").is_file()


def is_program_in_folder(project: Project, path: str | None) -> bool:
    """Whether `path` is the program file itself, kept below the root: Python runs it as a script,
    so its relative imports have no parent package."""
    entry = entry_file(project)
    return path == entry and "/" in entry and (project.root / entry).is_file()


def names_project_module(project: Project, module: str) -> bool:
    """Whether a missing `module` looks like one of the project's own (its package or its last name
    is a project path), not a third-party module, whose installation is no source fix."""
    parts = module.split(".")
    for path in project.python_files():
        names = PurePosixPath(path).with_suffix("").parts
        if parts[0] in names or names[-1] == parts[-1]:
            return True
    return False


def package_markers(project: Project, dirs: list[str]) -> list[Edit]:
    """New empty __init__.py files for the existing directories among `dirs` that lack one."""
    missing = dict.fromkeys(f"{d}/__init__.py" for d in dirs if d and (project.root / d).is_dir())
    return [Edit(path, None, "") for path in missing if not (project.root / path).exists()]


def _with_main(text: str, main: str | None) -> str:
    """Pulumi.yaml text with `main` set (or removed for None), other lines untouched."""
    expected = yaml.safe_load(text) or {}
    expected.pop("main", None)
    if main is not None:
        expected["main"] = main
    line = yaml.safe_dump({"main": main}, default_flow_style=False) if main is not None else ""
    lines = text.splitlines(keepends=True)
    at = next((i for i, old in enumerate(lines) if re.match(r"main\s*:", old)), None)
    if at is not None:
        lines[at : at + 1] = [line] if line else []
    elif line:
        lines.append(line if not lines or lines[-1].endswith("\n") else "\n" + line)
    return kept_or_dumped("".join(lines), expected)


def main_edit(project: Project, main: str | None) -> Edit | None:
    """Pulumi.yaml with `main` set to `main` (removed for None), None when nothing would change."""
    return edit_file(project, "Pulumi.yaml", _with_main(project.read("Pulumi.yaml"), main))
