"""RM016: the program uses a well-known module or name it never imported ("NameError: name 'json' is not defined").

Generated programs often call `json.dumps` or annotate with `Optional` in one file while only the
other files import them. The import the name conventionally comes from (config/missing_imports.json,
or `from pulumi_aws import <name>` for a pulumi_aws service module such as `lambda_`) joins the
file's other imports, when it provides what the file uses; other names are left alone.

Before:
    policy=json.dumps(document)      # and no `import json`
After:
    import json

Safety: safe. The name is bound to the module it conventionally means, and that module provides
every attribute the file reads from it.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem

from agent.core import sdk
from agent.core.config import load_data
from agent.core.cst import Use, dotted_name, parsed_or_skip, unbound_uses
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

TABLE = sdk.MISSING_IMPORTS


@dataclass(frozen=True)
class _Import:
    statement: str  # as written in the table, e.g. "import pulumi_aws as aws"
    item: ImportItem

    def target(self) -> Any:
        """The object the import binds (raises ImportError/AttributeError when it cannot be imported)."""
        module = importlib.import_module(self.item.module)
        if self.item.obj_name is None:
            return module if self.item.alias else importlib.import_module(self.item.module.split(".")[0])
        return getattr(module, self.item.obj_name)


def _parse_import(name: str, statement: str) -> _Import:
    """The table's import statement as an ImportItem; it must bind `name` and nothing else."""
    small = cst.parse_statement(statement)
    body = small.body if isinstance(small, cst.SimpleStatementLine) else ()
    node = body[0] if len(body) == 1 else None
    if isinstance(node, cst.Import) and len(node.names) == 1:
        alias = node.names[0]
        module = dotted_name(alias.name) or ""
        asname = alias.evaluated_alias
        item, bound = ImportItem(module, alias=asname), asname or module.split(".")[0]
    elif (
        isinstance(node, cst.ImportFrom)
        and not node.relative
        and node.module
        and not isinstance(node.names, cst.ImportStar)
        and len(node.names) == 1
    ):
        alias = node.names[0]
        obj = dotted_name(alias.name) or ""
        asname = alias.evaluated_alias
        item, bound = ImportItem(dotted_name(node.module) or "", obj, asname), asname or obj
    else:
        raise ValueError(f"{TABLE}: {statement!r} for {name!r} is not one plain import of one name")
    if bound != name:
        raise ValueError(f"{TABLE}: {statement!r} binds {bound!r}, not {name!r}")
    return _Import(statement, item)


@cache
def known_imports() -> dict[str, tuple[_Import, ...]]:
    """{name: the imports that may bind it, preferred first}, every table entry parsed at once so a
    misconfigured one fails on first use, not only when its name comes up."""
    return {name: tuple(_parse_import(name, s) for s in sdk.import_statements(name)) for name in load_data(TABLE)["imports"]}


def candidates(name: str) -> tuple[_Import, ...]:
    """The imports that may bind `name` (sdk.import_statements: the table's, else a pulumi_aws
    service module such as `lambda_`, which a file uses after another file imported it)."""
    table = known_imports()
    return table[name] if name in table else tuple(_parse_import(name, s) for s in sdk.import_statements(name))


def _fits(candidate: _Import, uses: Sequence[Use]) -> bool:
    """Whether the object the import binds serves every use: a module only through attributes it has."""
    try:
        target = candidate.target()
    except (ImportError, AttributeError):
        return False
    for use in uses:
        if use.attribute is None and inspect.ismodule(target):
            return False
        if use.attribute is not None and not hasattr(target, use.attribute):
            return False
        if use.called and not callable(target):
            return False
    return True


def _describe(uses: Sequence[Use], name: str) -> str:
    shown = sorted({f"{name}.{u.attribute}" if u.attribute else (f"{name}(...)" if u.called else name) for u in uses})
    return ", ".join(shown)


@dataclass(frozen=True)
class UnimportedName:
    name: str  # a name with a conventional import (config/missing_imports.json or pulumi_aws)


class MissingImport(Fixer[UnimportedName]):
    id = "RM016"
    name = "python.missing-import"
    title = "Import a well-known module or name the program uses without importing it"
    kinds = frozenset({ErrorKind.UNDEFINED_NAME})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[UnimportedName] | None:
        name = error.details.get("name")
        if error.kind not in self.kinds or not name or not candidates(name):
            return None
        return Match(error, UnimportedName(name))

    def fix(self, match: Match[UnimportedName], ctx: FixContext) -> Fix | Skip:
        name, path = match.found.name, match.error.file
        if not path:
            return Skip(f"the NameError for '{name}' names no file of the project, so there is no file to import it in")
        if not (ctx.project.root / path).is_file():
            return Skip(f"{path}, where the NameError for '{name}' was raised, is not in the project")
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        uses = unbound_uses(module.code).get(name)
        if not uses:
            return Skip(f"{path} binds '{name}' (an import or an assignment) or does not use it; adding an import would change nothing")
        options = candidates(name)
        chosen = next((c for c in options if _fits(c, uses)), None)
        if chosen is None:
            tried = " / ".join(c.statement for c in options)
            return Skip(f"'{tried}' does not provide what {path} uses ({_describe(uses, name)})")
        after = AddImportsVisitor(CodemodContext(), [chosen.item]).transform_module(module)
        edit = edit_file(ctx.project, path, after.code)
        if edit is None:
            return Skip(f"{path} already has '{chosen.statement}'")
        return Fix(
            edits=(edit,),
            change=f"added '{chosen.statement}' to {path}",
            why=f"{path} uses {_describe(uses, name)} without importing '{name}'; '{chosen.statement}' is the import that name conventionally comes from and provides what the file uses.",
            safety=Safety.SAFE,
            file=path,
            line=match.error.line,
        )
