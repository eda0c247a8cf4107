"""RM036: a project package imported by its right name, but a folder without __init__.py.

`from lib.stack import S` with lib/stack.py present still fails when lib/ has no __init__.py and
another `lib` on sys.path (an installed package, a namespace elsewhere) shadows it. An empty
__init__.py makes the project's folder a regular package, which wins.

Before:
    lib/stack.py                # and no lib/__init__.py
After:
    lib/__init__.py             # new, empty

Safety: safe. An empty marker changes nothing but which `lib` the import finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from agent.core.project_modules import program_dir
from fixers._program_layout import names_project_module, package_markers, resolves, under


@dataclass(frozen=True)
class UnmarkedPackage:
    module: str  # the dotted module the import missed, present as folders from `base`
    base: str  # the program's folder, "" for the root


class PackageMarker(Fixer[UnmarkedPackage]):
    id = "RM036"
    name = "python.package-marker"
    title = "Mark a project folder that an import names as a package with an empty __init__.py"
    kinds = frozenset({ErrorKind.MODULE_NOT_FOUND})
    safety = Safety.SAFE
    # matches exclude each other; the order is the one RM008 checked them in before the split
    runs_before = frozenset({"RM034", "RM037"})

    def match(self, error: DeployError, ctx: FixContext) -> Match[UnmarkedPackage] | None:
        module, base = error.details.get("module", ""), program_dir(ctx.project)
        if not (names_project_module(ctx.project, module) and resolves(ctx.project, base, module)):
            return None
        return Match(error, UnmarkedPackage(module, base))

    def fix(self, match: Match[UnmarkedPackage], ctx: FixContext) -> FixResult:
        parts, base = match.found.module.split("."), match.found.base
        folders = [under(base, *parts[: i + 1]) for i in range(len(parts))]
        dirs = [folder for folder in folders if (ctx.project.root / folder).is_dir()]
        edits = package_markers(ctx.project, dirs)
        if not edits:
            return Skip(f"{match.found.module} exists in the project as a package; the import fails for another reason")
        return Fix(
            edits=tuple(edits),
            change=f"add {', '.join(edit.path for edit in edits)}",
            why=f"{dirs[0]}/ has no __init__.py, so another `{parts[0]}` on sys.path can shadow it; the marker makes it a package.",
            safety=self.safety,
            file=match.error.file,
            line=match.error.line,
        )
