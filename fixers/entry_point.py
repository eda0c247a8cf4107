"""RM008: Pulumi.yaml's `main` names a file that does not exist, or one that builds nothing.

Pulumi runs `main` (default: the root's __main__.py), so a `main` naming a missing file stops the
deployment before Python starts. A program file under a usual name (tap.py, __main__.py, main.py),
or else the one root file that imports pulumi and declares resources, or else the one folder whose
__main__.py imports pulumi (`main: infrastructure/`, which Pulumi runs), is what the author meant.
The same holds when `main` runs clean but registers no resource (it names the module defining the
stack, not the file creating it) and exactly one other root file imports pulumi and creates it.

Before:
    main: app.py        # Pulumi.yaml; the program is tap.py
After:
    main: tap.py

Safety: safe. Only Pulumi.yaml changes, to name the file that holds the program.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from agent.core.cst import dotted_name, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from agent.core.project_modules import entry_file, main_setting
from fixers._program_layout import main_edit

ENTRY_CANDIDATES = ("tap.py", "__main__.py", "main.py")


@dataclass(frozen=True)
class MissingEntry:
    entry: str  # the file Pulumi was told to run, relative to the root
    program: str | None = None  # when `entry` exists but builds nothing: the root file that does


def _instantiates_resources(module: cst.Module | None) -> bool:
    """Imports pulumi and calls a class at module level: a plausible program."""
    if module is None or not any(_imports_pulumi(statement) for statement in module.body):
        return False
    for statement in module.body:
        for node in _calls(statement):
            name = dotted_name(node.func)
            if name and name.split(".")[-1][:1].isupper():
                return True
    return False


def _imports_pulumi(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.Import) and any((dotted_name(a.name) or "").startswith("pulumi") for a in small.names):
            return True
        if isinstance(small, cst.ImportFrom) and small.module and (dotted_name(small.module) or "").startswith("pulumi"):
            return True
    return False


def _calls(node: cst.CSTNode):
    if isinstance(node, cst.Call):
        yield node
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return
    for child in node.children:
        yield from _calls(child)


def _root_programs(project) -> list[str]:
    """Root files that import pulumi and create something at module level."""
    return [path for path in project.python_files() if "/" not in path and _instantiates_resources(parse(project.read(path)))]


def _folder_programs(project) -> list[str]:
    """Folders whose __main__.py imports pulumi (`infrastructure/`): Pulumi runs a folder `main` that way."""
    return [
        path.removesuffix("__main__.py")
        for path in project.python_files()
        if path.endswith("/__main__.py")
        and not {"test", "tests"} & set(path.split("/"))
        and any(_imports_pulumi(statement) for statement in (parse(project.read(path)) or cst.Module([])).body)
    ]


class EntryPoint(Fixer[MissingEntry]):
    id = "RM008"
    name = "python.entry-point"
    title = "Point Pulumi.yaml's main at the program's real entry file"
    kinds = frozenset({ErrorKind.ENTRY_POINT, ErrorKind.NO_RESOURCES})
    safety = Safety.SAFE
    runs_before = frozenset({"RM063"})  # another file creating the stack beats building it in `main`

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingEntry] | None:
        if error.kind is ErrorKind.NO_RESOURCES:
            entry = entry_file(ctx.project)
            programs = [path for path in _root_programs(ctx.project) if path != entry]
            return Match(error, MissingEntry(entry, programs[0])) if len(programs) == 1 else None
        if "path" not in error.details:
            return None  # a relative import failing, not a missing file: RM034 or RM035
        project, path = ctx.project, error.details["path"]
        entry = entry_file(project)
        named = [name for name in (entry, main_setting(project)) if name]
        if (project.root / entry).is_file() or not any(path == n or path.endswith("/" + n) for n in named):
            return None
        return Match(error, MissingEntry(entry))

    def fix(self, match: Match[MissingEntry], ctx: FixContext) -> FixResult:
        project, missing = ctx.project, match.found.entry
        found = [match.found.program] if match.found.program else [name for name in ENTRY_CANDIDATES if (project.root / name).is_file()]
        if not found:
            programs = _root_programs(project) or _folder_programs(project)
            found = programs if len(programs) == 1 else []
        if not found:
            return Skip(f"{missing} does not exist and no single root file, nor folder with a __main__.py, looks like the program")
        entry = found[0]
        edit = main_edit(project, None if entry == "__main__.py" else entry)
        if edit is None:
            return Skip(f"Pulumi.yaml already points at {entry}")
        problem = "registers no resource" if match.found.program else "does not exist"
        return Fix(
            edits=(edit,),
            change=f"Pulumi.yaml: main {missing} -> {entry}",
            why=f"Pulumi.yaml names {missing}, which {problem}; {entry} is the program in this project.",
            safety=self.safety,
            file="Pulumi.yaml",
        )
