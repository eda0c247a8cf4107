"""RM031: a name asked of the project's own module that defines it under another spelling, or not imported at all.

Answers that show a module twice mix its versions: `from config import AWS_REGION` against a
config.py defining `aws_region` (ImportError), or a module using `AWS_REGION` with no import at all
(NameError). The import names what the module defines, under the name the code uses, so no other
line changes. An ImportError is fixed in every import of a project module at once, as each would
stop a run of its own.

Before:
    from config import AWS_REGION, LAMBDA_MEMORY
After:
    from config import aws_region as AWS_REGION, lambda_memory_size as LAMBDA_MEMORY

Safety: safe when the defined name is the same words in another case, unsafe when the asked
name's words only begin it (`LAMBDA_MEMORY` for `lambda_memory_size`): a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem

from agent.core.cst import dotted_name, parsed_or_skip, rewrite
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from agent.core.project import Project
from agent.core.project_modules import counterpart, defined_names, defining_module, importable_names, module_file, module_name

WHY = (
    "The module defines the value under another spelling (the answer shows two versions of it); "
    "importing the defined name under the one the code uses changes no other line."
)


class _Repoint(cst.CSTTransformer):
    """In one file: each name imported from a project module that lacks it -> the module's counterpart."""

    def __init__(self, project: Project, path: str) -> None:
        self.project, self.path = project, path
        self.repointed: list[tuple[str, str, str, bool]] = []  # (module, asked, defined, certain)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        module = dotted_name(updated_node.module) if updated_node.module else None
        source = module_file(self.project, self.path, module, len(updated_node.relative)) if module else None
        defined = defined_names(self.project, source) if source else None
        importable = importable_names(self.project, source) if defined else None
        if not defined or importable is None:
            return updated_node
        names = []
        for alias in updated_node.names:
            asked = dotted_name(alias.name) or ""
            found = counterpart(asked, defined) if asked not in importable else None
            if found is None:
                names.append(alias)
                continue
            self.repointed.append((module, asked, found[0], found[1]))
            local = alias.asname or cst.AsName(name=cst.Name(asked))
            names.append(alias.with_changes(name=cst.Name(found[0]), asname=local))
        return updated_node.with_changes(names=names)


@dataclass(frozen=True)
class AskedName:
    name: str
    module: str = ""  # the module an import asked it of; "" for a name used without an import


class ProjectName(Fixer[AskedName]):
    id = "RM031"
    name = "python.project-name"
    title = "Import the name the project's own module defines for the one the code asks"
    kinds = frozenset({ErrorKind.IMPORT_NAME, ErrorKind.UNDEFINED_NAME})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[AskedName] | None:
        name = error.details.get("name")
        if not name:
            return None
        if error.kind is ErrorKind.IMPORT_NAME:
            return Match(error, AskedName(name, error.details.get("module", "")))
        return Match(error, AskedName(name)) if error.file else None

    def fix(self, match: Match[AskedName], ctx: FixContext) -> Fix | Skip:
        if match.error.kind is ErrorKind.IMPORT_NAME:
            return self._repoint_imports(match, ctx)
        return self._add_import(match, ctx)

    def _repoint_imports(self, match: Match[AskedName], ctx: FixContext) -> Fix | Skip:
        edits, repointed = [], []
        for path in ctx.project.python_files():
            transformer = _Repoint(ctx.project, path)
            edit = rewrite(ctx.project, path, transformer)
            if edit is not None:
                edits.append(edit)
                repointed += transformer.repointed
        name, module = match.found.name, match.found.module
        if not any(asked == name for _, asked, _, _ in repointed):
            return Skip(f"'{module}' is no project module, or defines no name '{name}' stands for (the same words, or one they begin)")
        certain = all(sure for *_, sure in repointed)
        shown = ", ".join(dict.fromkeys(f"{asked} -> {module}.{defined}" for module, asked, defined, _ in repointed))
        return Fix(
            edits=tuple(edits),
            change=f"imports repointed to the names their modules define: {shown}",
            why=WHY if certain else WHY + " Some names only begin the defined one's words: check they mean the same value.",
            safety=Safety.SAFE if certain else Safety.UNSAFE,
            file=match.error.file,
            line=match.error.line,
        )

    def _add_import(self, match: Match[AskedName], ctx: FixContext) -> Fix | Skip:
        name, path = match.found.name, match.error.file
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        found = defining_module(ctx.project, path, name)
        if found is None:
            return Skip(f"no single other module of the project defines '{name}' (or a name of the same words)")
        source, defined, certain = found
        item = ImportItem(module_name(ctx.project, source), defined, None if defined == name else name)
        edit = edit_file(ctx.project, path, AddImportsVisitor(CodemodContext(), [item]).transform_module(module).code)
        if edit is None:
            return Skip(f"{path} already imports '{name}'")
        statement = f"from {item.module} import {defined}" + (f" as {name}" if item.alias else "")
        return Fix(
            edits=(edit,),
            change=f"added '{statement}' to {path}",
            why=f"{path} uses '{name}' without importing it, and {source} is the one project module defining "
            + (f"'{defined}'." if certain else f"'{defined}', whose words '{name}' begins: check they mean the same value."),
            safety=Safety.SAFE if certain else Safety.UNSAFE,
            file=path,
            line=match.error.line,
        )
