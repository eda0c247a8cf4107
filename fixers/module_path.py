"""RM037: an import naming a project module without its package path.

`from tap_stack import TapStack` fails when the module is lib/tap_stack.py and Python searches the
program's folder (the root) for imports: there its name is `lib.tap_stack`. When exactly one project
file has that name, every import of it in the program is repointed.

Before:
    from tap_stack import TapStack
After:
    from lib.tap_stack import TapStack

Safety: safe. The import reads the one project file of that name; `import x` keeps binding `x`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from agent.core.cst import dotted_name, rewrite
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from agent.core.project_modules import module_parts, program_dir
from fixers._program_layout import names_project_module, resolves


@dataclass(frozen=True)
class MisnamedModule:
    module: str  # the name the import used
    base: str  # the program's folder, where imports start, "" for the root


class _RepointImports(cst.CSTTransformer):
    """`from tap_stack import X` -> `from lib.tap_stack import X`; `import tap_stack` -> `import lib.tap_stack as tap_stack`."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def _moved(self, name: str) -> str | None:
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


class ModulePath(Fixer[MisnamedModule]):
    id = "RM037"
    name = "python.module-path"
    title = "Import a project module by its package path from the program's folder"
    kinds = frozenset({ErrorKind.MODULE_NOT_FOUND})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MisnamedModule] | None:
        project = ctx.project
        module, base = error.details.get("module", ""), program_dir(project)
        if not names_project_module(project, module):
            return None  # a third-party module: installing it is not a source fix
        if resolves(project, base, module) or (base and resolves(project, "", module)):
            return None  # a package without its marker (RM036), or a program to run from the root (RM034)
        return Match(error, MisnamedModule(module, base))

    def fix(self, match: Match[MisnamedModule], ctx: FixContext) -> FixResult:
        project, module, base = ctx.project, match.found.module, match.found.base
        wanted = module.split(".")
        homes = [path for path in project.python_files() if module_parts(path)[-len(wanted) :] == wanted]
        if len(homes) != 1:
            return Skip(f"{len(homes)} project files could be {module}; cannot tell which one is meant")
        home = module_parts(homes[0])
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
