"""RM028: a resource option under another tool's name (`ResourceOptions(prevent_destroy=True)`).

Programs written with Terraform in mind pass its lifecycle settings to pulumi.ResourceOptions,
which raises "unexpected keyword argument". The option Pulumi names for the same behaviour comes
from config/option_renames.json (`prevent_destroy` is `protect`); the value is kept.
"""

from __future__ import annotations

import inspect
from typing import Optional

import libcst as cst
import pulumi

from agent.core import sdk
from agent.core.config import load_data
from agent.core.cst import keyword, rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers import _pulumi

DATA = "option_renames.json"


def _renamed(option: str) -> Optional[dict]:
    """The table's entry for `option`, when its target is an option the installed pulumi has."""
    options = inspect.signature(pulumi.ResourceOptions.__init__).parameters
    return next((e for e in load_data(DATA)["renames"] if e["option"] == option and e["to"] in options), None)


class _Rename(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.names: dict[str, str] = {}
        self.count = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.names = _pulumi.imported_names(node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        arg = keyword(updated_node, self.old)
        if arg is None or sdk.full_path(updated_node.func, self.names) != "pulumi.ResourceOptions":
            return updated_node
        if keyword(updated_node, self.new) is not None:  # the call already says it the Pulumi way
            return updated_node
        self.count += 1
        return updated_node.with_changes(args=[a.with_changes(keyword=cst.Name(self.new)) if a is arg else a for a in updated_node.args])


class OptionName(Fixer):
    id = "RM028"
    name = "pulumi.option-name"
    title = "Rename a resource option written under another tool's name"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001"})  # RM001 would drop an option under another tool's name

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        entry = _renamed(error.details.get("argument", "")) if error.details.get("cls") == "ResourceOptions" else None
        return Match(error, {"entry": entry}) if entry else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        entry = match.found["entry"]
        renames: list[_Rename] = []

        def transformer() -> _Rename:
            renames.append(_Rename(entry["option"], entry["to"]))
            return renames[-1]

        edits = rewrite_all(ctx.project, transformer)
        if not edits:
            return Skip(f"no pulumi.ResourceOptions call passes {entry['option']}= where {entry['to']}= is not already set")
        count = sum(r.count for r in renames)
        return Fix(
            edits=tuple(edits),
            change=f"ResourceOptions: {entry['option']}= -> {entry['to']}= ({count} call{'s' if count != 1 else ''})",
            why=f"{entry['why']} (source: {entry['source']}).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
