"""RM035: a relative import climbing to the program's folder, which is no package.

Pulumi runs the program with its folder on sys.path but not as a package, so `from ..utils import x`
in components/queue.py, or `from .storage import x` in a root module, has no parent package to climb
to. The module it names is importable by its absolute name from that folder.

Before:
    from ..utils.labels import labels      # in components/queue.py
After:
    from utils.labels import labels

Safety: safe. The import reads the same module; only how it is named changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from agent.core.cst import dotted_name, rewrite
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from agent.core.project import Project
from agent.core.project_modules import program_dir
from fixers._program_layout import is_program_in_folder, resolves


@dataclass(frozen=True)
class ClimbingImport:
    file: str  # the module whose relative import failed


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
        if not resolves(self.project, self.base, module):
            return updated_node
        return updated_node.with_changes(relative=())


class RelativeImport(Fixer[ClimbingImport]):
    id = "RM035"
    name = "python.relative-import"
    title = "Import by absolute name where a relative import climbs to the program's folder"
    kinds = frozenset({ErrorKind.ENTRY_POINT})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[ClimbingImport] | None:
        project = ctx.project
        if "path" in error.details or not (error.file and error.file.endswith(".py")):
            return None  # a missing file: RM008
        if is_program_in_folder(project, error.file):
            return None  # the program file itself, in a folder: RM034 runs it as a module
        return Match(error, ClimbingImport(error.file)) if (project.root / error.file).is_file() else None

    def fix(self, match: Match[ClimbingImport], ctx: FixContext) -> FixResult:
        project = ctx.project
        base = program_dir(project)
        prefix = f"{base}/" if base else ""
        files = [path for path in project.python_files() if path.startswith(prefix)]
        edits = [edit for edit in (rewrite(project, p, _AbsoluteImports(project, base, p)) for p in files) if edit]
        if not edits:
            return Skip(f"no relative import in {match.found.file} names a module of the program's directory")
        return Fix(
            edits=tuple(edits),
            change=f"absolute imports instead of relative ones climbing to {base or 'the project root'} in {', '.join(e.path for e in edits)}",
            why=f"Pulumi runs the program with {base or 'the project root'} on sys.path, which is not a package, so a relative "
            "import reaching it has no parent package; the module it names is importable by its absolute name.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )
