"""RM008: Python cannot start the program or import the project's own modules.

Pulumi runs Pulumi.yaml's `main` (a file, or a directory holding __main__.py; default the root's
__main__.py) with cwd and sys.path[0] set to its directory. So a `main` naming a missing file, a
`main` inside lib/ whose code imports `lib.x` or relative imports (`from .x import`, which need a
parent package), a relative import reaching above the program's directory (`from ..utils import x`
in components/a.py, `from .x import` in a root module: the program's directory is not a package), and
an import naming a project module without its package path all fail before a single resource is declared.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Optional

import libcst as cst
import yaml

from agent.core.errors import DeployError, ErrorKind
from agent.core.project import Project
from agent.core.cst import dotted_name, parse, rewrite
from agent.core.project_modules import entry_file, main_setting, program_dir
from agent.core.fixes import Edit, Fix, FixContext, FixResult, Fixer, Match, Safety, Skip, edit_file

ENTRY_CANDIDATES = ("tap.py", "__main__.py", "main.py")
RUNNER_TEMPLATE = '''"""Entry point: runs {module} as the program, with the project root on sys.path."""
import runpy

runpy.run_module("{module}", run_name="__main__")
'''


# ---- where the program starts ------------------------------------------------
def _under(base: str, *parts: str) -> str:
    return PurePosixPath(base, *parts).as_posix() if base else PurePosixPath(*parts).as_posix()


def _resolves(project: Project, base: str, module: str) -> bool:
    """Whether `import module` finds a project file or directory with `base` on sys.path."""
    path = project.root / _under(base, *module.split("."))
    return path.is_dir() or path.with_name(path.name + ".py").is_file()


def _module_name(path: str) -> list[str]:
    parts = list(PurePosixPath(path).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


# ---- Pulumi.yaml -------------------------------------------------------------
def _with_main(text: str, main: Optional[str]) -> str:
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
    new = "".join(lines)
    try:
        if yaml.safe_load(new) == expected:
            return new
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(expected, sort_keys=False)


def _settings_edit(project: Project, main: Optional[str]) -> Optional[Edit]:
    return edit_file(project, "Pulumi.yaml", _with_main(project.read("Pulumi.yaml"), main))


# ---- import rewriting --------------------------------------------------------
class _RepointImports(cst.CSTTransformer):
    """`from tap_stack import X` -> `from lib.tap_stack import X`; `import tap_stack` -> `import lib.tap_stack as tap_stack`."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def _moved(self, name: str) -> Optional[str]:
        if name == self.old or name.startswith(self.old + "."):
            return self.new + name[len(self.old) :]
        return None

    def leave_ImportFrom(self, original_node, updated_node):
        if updated_node.relative or updated_node.module is None:
            return updated_node
        moved = self._moved(dotted_name(updated_node.module) or "")
        return updated_node.with_changes(module=cst.parse_expression(moved)) if moved else updated_node

    def leave_ImportAlias(self, original_node, updated_node):
        name = dotted_name(updated_node.name) or ""
        moved = self._moved(name)
        if moved is None or (updated_node.asname is None and name != self.old):
            return updated_node  # `import a.b` binds `a`: no alias keeps that name
        asname = updated_node.asname or cst.AsName(name=cst.Name(name.split(".")[-1]))
        return updated_node.with_changes(name=cst.parse_expression(moved), asname=asname)


class _AbsoluteImports(cst.CSTTransformer):
    """`from ..utils.tags import x` -> `from utils.tags import x` in a module whose relative import
    climbs exactly to the program's directory, when that module is there."""

    def __init__(self, project: Project, base: str, path: str) -> None:
        self.project, self.base = project, base
        base_parts = PurePosixPath(base).parts if base else ()
        self.depth = len(PurePosixPath(path).parent.parts) - len(base_parts)  # packages between base and the file

    def leave_ImportFrom(self, original_node, updated_node):
        if len(updated_node.relative) != self.depth + 1 or updated_node.module is None:
            return updated_node
        module = dotted_name(updated_node.module) or ""
        if not _resolves(self.project, self.base, module):
            return updated_node
        return updated_node.with_changes(relative=())


def _instantiates_resources(module: Optional[cst.Module]) -> bool:
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


class EntryPoint(Fixer):
    id = "RM008"
    name = "python.entry-point"
    title = "Point Pulumi at the program's real entry point and module paths"
    kinds = frozenset({ErrorKind.ENTRY_POINT, ErrorKind.MODULE_NOT_FOUND})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        project = ctx.project
        if error.kind is ErrorKind.ENTRY_POINT and "path" not in error.details:
            # a relative import in the program file itself: it must run as a module of its package
            entry = entry_file(project)
            if error.file == entry and "/" in entry and (project.root / entry).is_file():
                return Match(error, {"module": None})
            if error.file and error.file.endswith(".py") and (project.root / error.file).is_file():
                return Match(error, {"absolute": error.file})
            return None
        if error.kind is ErrorKind.ENTRY_POINT:
            path = error.details.get("path", "")
            entry = entry_file(project)
            named = [name for name in (entry, main_setting(project)) if name]
            if (project.root / entry).is_file() or not any(path == n or path.endswith("/" + n) for n in named):
                return None
            return Match(error, {"entry": entry})
        module = error.details.get("module", "")
        parts = module.split(".")
        for path in project.python_files():
            names = PurePosixPath(path).with_suffix("").parts
            if parts[0] in names or names[-1] == parts[-1]:
                return Match(error, {"module": module})
        return None  # a third-party module: installing it is not a source fix

    def fix(self, match: Match, ctx: FixContext) -> FixResult:
        if "absolute" in match.found:
            return self._absolute_imports(match, ctx)
        if match.error.kind is ErrorKind.ENTRY_POINT:
            return self._repoint_main(match, ctx) if "entry" in match.found else self._run_from_root(match, ctx)
        module = match.found["module"]
        base = program_dir(ctx.project)
        if _resolves(ctx.project, base, module):
            return self._mark_package(match, ctx, base)
        if base and _resolves(ctx.project, "", module):
            return self._run_from_root(match, ctx)
        return self._repoint_imports(match, ctx, base)

    # a. `main` names a missing file
    def _repoint_main(self, match: Match, ctx: FixContext) -> FixResult:
        project = ctx.project
        found = [name for name in ENTRY_CANDIDATES if (project.root / name).is_file()]
        if not found:
            programs = [
                path
                for path in project.python_files()
                if "/" not in path and _instantiates_resources(parse(project.read(path)))
            ]
            found = programs if len(programs) == 1 else []
        if not found:
            return Skip(f"{match.found['entry']} does not exist and no single root file looks like the program")
        entry = found[0]
        edit = _settings_edit(project, None if entry == "__main__.py" else entry)
        if edit is None:
            return Skip(f"Pulumi.yaml already points at {entry}")
        return Fix(
            edits=(edit,),
            change=f"Pulumi.yaml: main {match.found['entry']} -> {entry}",
            why=f"Pulumi.yaml names {match.found['entry']}, which does not exist; {entry} is the program in this project.",
            safety=self.safety,
            file="Pulumi.yaml",
        )

    # b. main lives in lib/ but the code imports `lib.x` or uses relative imports: run it from the root
    def _run_from_root(self, match: Match, ctx: FixContext) -> FixResult:
        project = ctx.project
        main_module = ".".join(_module_name(entry_file(project)))
        if (project.root / "__main__.py").exists():
            return Skip("a root __main__.py already exists; running it instead of main would change the program")
        module = match.found["module"]
        markers = [_under(*_module_name(entry_file(project))[:-1])] if "." in main_module else []
        if module:
            markers.append(module.split(".")[0])
        why = (
            f"`import {module}` cannot be found" if module else "its relative imports have no parent package"
        )
        edits = [
            Edit("__main__.py", None, RUNNER_TEMPLATE.format(module=main_module)),
            *self._markers(project, markers),
        ]
        settings = _settings_edit(project, None)
        if settings is not None:
            edits.append(settings)
        return Fix(
            edits=tuple(edits),
            change=f"run {main_module} from a new root __main__.py and drop `main` from Pulumi.yaml",
            why=f"With main in {program_dir(project)}/, Python runs it as a script with that directory on sys.path, so "
            f"{why}; running it as a module of its package from the root makes the imports resolve.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )

    # d. relative imports that climb to the program's directory, which is no package: make them absolute
    def _absolute_imports(self, match: Match, ctx: FixContext) -> FixResult:
        project = ctx.project
        base = program_dir(project)
        prefix = f"{base}/" if base else ""
        files = [path for path in project.python_files() if path.startswith(prefix)]
        edits = [edit for edit in (rewrite(project, p, _AbsoluteImports(project, base, p)) for p in files) if edit]
        if not edits:
            return Skip(f"no relative import in {match.found['absolute']} names a module of the program's directory")
        return Fix(
            edits=tuple(edits),
            change=f"absolute imports instead of relative ones climbing to {base or 'the project root'} in {', '.join(e.path for e in edits)}",
            why=f"Pulumi runs the program with {base or 'the project root'} on sys.path, which is not a package, so a relative "
            "import reaching it has no parent package; the module it names is importable by its absolute name.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )

    # the module is there, as a directory without __init__.py
    def _mark_package(self, match: Match, ctx: FixContext, base: str) -> FixResult:
        parts = match.found["module"].split(".")
        dirs = [_under(base, *parts[: i + 1]) for i in range(len(parts)) if (ctx.project.root / _under(base, *parts[: i + 1])).is_dir()]
        edits = self._markers(ctx.project, dirs)
        if not edits:
            return Skip(f"{match.found['module']} exists in the project as a package; the import fails for another reason")
        return Fix(
            edits=tuple(edits),
            change=f"add {', '.join(edit.path for edit in edits)}",
            why=f"{dirs[0]}/ has no __init__.py, so another `{parts[0]}` on sys.path can shadow it; the marker makes it a package.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )

    @staticmethod
    def _markers(project: Project, dirs: list[str]) -> list[Edit]:
        missing = dict.fromkeys(f"{d}/__init__.py" for d in dirs if d and (project.root / d).is_dir())
        return [Edit(path, None, "") for path in missing if not (project.root / path).exists()]

    # c. the import names a project module without its package path
    def _repoint_imports(self, match: Match, ctx: FixContext, base: str) -> FixResult:
        project = ctx.project
        module = match.found["module"]
        wanted = module.split(".")
        homes = [path for path in project.python_files() if _module_name(path)[-len(wanted) :] == wanted]
        if len(homes) != 1:
            return Skip(f"{len(homes)} project files could be {module}; cannot tell which one is meant")
        home = _module_name(homes[0])
        base_parts = list(PurePosixPath(base).parts) if base else []
        if home[: len(base_parts)] != base_parts:
            return Skip(f"{homes[0]} is outside the program's directory {base}/")
        dotted = ".".join(home[len(base_parts) :])
        in_program = [path for path in project.python_files() if path.startswith(f"{base}/" if base else "")]
        edits = [edit for edit in (rewrite(project, p, _RepointImports(module, dotted)) for p in in_program) if edit]
        if not edits:
            return Skip(f"no `import {module}` left to rewrite")
        return Fix(
            edits=tuple(edits),
            change=f"import {dotted} instead of {module} in {', '.join(edit.path for edit in edits)}",
            why=f"{module} lives at {homes[0]}; Python searches {base or 'the project root'} for imports, so its name there is {dotted}.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )
