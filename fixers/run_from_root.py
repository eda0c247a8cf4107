"""RM034: a program in a folder whose imports only resolve from the project's root.

With `main` in lib/, Python runs the program as a script with lib/ on sys.path: `import lib.network`
finds no `lib`, and `from .storage import` in the program file has no parent package. Running the
program as a module of its package, from a root __main__.py, makes both resolve.

Before:
    main: lib/tap_stack.py      # Pulumi.yaml; lib/tap_stack.py does `from lib.network import Network`
After:
    runpy.run_module("lib.tap_stack", run_name="__main__")   # a new __main__.py; `main` dropped

Safety: safe. The program and its imports stay as written; only where Python starts it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from agent.core.project_modules import entry_file, module_parts, program_dir
from fixers._program_layout import (
    is_program_in_folder,
    main_edit,
    names_project_module,
    package_markers,
    resolves,
    under,
)

RUNNER_TEMPLATE = '''"""Entry point: runs {module} as the program, with the project root on sys.path."""
import runpy

runpy.run_module("{module}", run_name="__main__")
'''


@dataclass(frozen=True)
class RootImport:
    module: str | None  # the module `import` missed from the program's folder; None: a relative import in the program file


class RunFromRoot(Fixer[RootImport]):
    id = "RM034"
    name = "python.run-from-root"
    title = "Run a program kept in a folder as a module from the root, where its imports resolve"
    kinds = frozenset({ErrorKind.ENTRY_POINT, ErrorKind.MODULE_NOT_FOUND})
    safety = Safety.SAFE
    # matches exclude each other; the order is the one RM008 checked them in before the split
    runs_before = frozenset({"RM035", "RM037"})

    def match(self, error: DeployError, ctx: FixContext) -> Match[RootImport] | None:
        project = ctx.project
        if error.kind is ErrorKind.ENTRY_POINT:
            if "path" in error.details:
                return None  # a missing file: RM008
            return Match(error, RootImport(None)) if is_program_in_folder(project, error.file) else None
        module = error.details.get("module", "")
        base = program_dir(project)
        if not (base and names_project_module(project, module)):
            return None
        if resolves(project, base, module) or not resolves(project, "", module):
            return None  # a package without its marker (RM036), or a module under another path (RM037)
        return Match(error, RootImport(module))

    def fix(self, match: Match[RootImport], ctx: FixContext) -> FixResult:
        project = ctx.project
        main_parts = module_parts(entry_file(project))
        main_module = ".".join(main_parts)
        if (project.root / "__main__.py").exists():
            return Skip("a root __main__.py already exists; running it instead of main would change the program")
        module = match.found.module
        markers = [under(*main_parts[:-1])] if "." in main_module else []
        if module:
            markers.append(module.split(".")[0])
        why = f"`import {module}` cannot be found" if module else "its relative imports have no parent package"
        edits = [Edit("__main__.py", None, RUNNER_TEMPLATE.format(module=main_module)), *package_markers(project, markers)]
        settings = main_edit(project, None)
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
