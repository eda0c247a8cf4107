"""RM028: a resource option under another tool's name (`ResourceOptions(prevent_destroy=True)`).

Programs written with Terraform in mind pass its lifecycle settings to pulumi.ResourceOptions,
which raises "unexpected keyword argument". The option Pulumi names for the same behaviour is the
one an earlier pulumi major's option became (config/sdk_history.json), else a documented
counterpart from config/option_renames.json (`prevent_destroy` is `protect`); the value is kept.

Before:
    opts=pulumi.ResourceOptions(prevent_destroy=True)
After:
    opts=pulumi.ResourceOptions(protect=True)

Safety: safe. The table pairs only options documented to do the same thing.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import libcst as cst
import pulumi

from agent.core import sdk, sdk_history
from agent.core.config import load_data
from agent.core.cst import keyword, rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers import _pulumi

DATA = "option_renames.json"


@dataclass(frozen=True)
class OptionRename:
    """An entry of config/option_renames.json: the option the program passed, the Pulumi option meaning the same."""

    option: str
    to: str
    why: str
    source: str


def _renamed(option: str) -> OptionRename | None:
    """The table's entry for `option`, when its target is an option the installed pulumi has."""
    options = inspect.signature(pulumi.ResourceOptions.__init__).parameters
    change = sdk_history.field("pulumi", "ResourceOptions", "argument", option)
    if change is not None and change.new in options:
        return OptionRename(option, change.new, f"an earlier pulumi major's option: {change.describe()}", sdk_history.DATA)
    entry = next((e for e in load_data(DATA)["renames"] if e["option"] == option and e["to"] in options), None)
    if entry:
        return OptionRename(entry["option"], entry["to"], entry["why"], entry["source"])
    return None


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


class OptionName(Fixer[OptionRename]):
    id = "RM028"
    name = "pulumi.option-name"
    title = "Rename a resource option written under another tool's name"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001"})  # RM001 would drop an option under another tool's name

    def match(self, error: DeployError, ctx: FixContext) -> Match[OptionRename] | None:
        rename = _renamed(error.details.get("argument", "")) if error.details.get("cls") == "ResourceOptions" else None
        return Match(error, rename) if rename else None

    def fix(self, match: Match[OptionRename], ctx: FixContext) -> Fix | Skip:
        rename = match.found
        renames: list[_Rename] = []

        def transformer() -> _Rename:
            renames.append(_Rename(rename.option, rename.to))
            return renames[-1]

        edits = rewrite_all(ctx.project, transformer)
        if not edits:
            return Skip(f"no pulumi.ResourceOptions call passes {rename.option}= where {rename.to}= is not already set")
        count = sum(r.count for r in renames)
        return Fix(
            edits=tuple(edits),
            change=f"ResourceOptions: {rename.option}= -> {rename.to}= ({count} call{'s' if count != 1 else ''})",
            why=f"{rename.why} (source: {rename.source}).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
