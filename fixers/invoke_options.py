"""RM065: resource options given to an invoke (a `get_*` data source).

An invoke takes `pulumi.InvokeOptions`; given a `ResourceOptions` it raises "Expected opts to be a
InvokeOptions instance" and the program stops. The options an invoke understands (read from the
installed `pulumi.InvokeOptions.__init__`: the provider, which picks the region, and the parent)
move over; those it has no use for (`depends_on`, `protect`, ...) are dropped. Options held in a
variable, as at the call the error names, are taken apart at every invoke of that file given the
same variable: `InvokeOptions(parent=o.parent, provider=o.provider)`.

Before:
    aws.get_availability_zones(state="available", opts=pulumi.ResourceOptions(provider=east))
After:
    aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(provider=east))

Safety: safe when every option carries over, unsafe when one is dropped.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from functools import cache

import libcst as cst
import pulumi
from libcst.metadata import PositionProvider

from agent.core import sdk
from agent.core.cst import dotted_name, keyword, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from fixers._pulumi import edit_with_import, imported_names, spelling

REJECTED = "to be a InvokeOptions instance"  # pulumi.runtime.invoke's TypeError


@cache
def _invoke_options() -> tuple[str, ...]:
    return tuple(name for name in inspect.signature(pulumi.InvokeOptions.__init__).parameters if name != "self")


@dataclass(frozen=True)
class Rejected:
    file: str | None
    line: int | None  # the invoke the error names: its options may sit in a variable


class _HeldAt(cst.CSTVisitor):
    """The code of the options an invoke spanning `line` is given in a variable (`opts`, `self.opts`)."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, module: cst.Module, line: int) -> None:
        self.aliases, self.line = sdk.import_aliases(module), line
        self.held: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        given = keyword(node, "opts")
        where = self.get_metadata(PositionProvider, node)
        if given is None or isinstance(given.value, cst.Call) or not where.start.line <= self.line <= where.end.line:
            return
        if sdk.invoke_of(node.func, self.aliases) is not None:
            self.held.add(cst.Module([]).code_for_node(given.value))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, module: cst.Module, held: set[str]) -> None:
        self.names, self.held = imported_names(module), held
        self.aliases = sdk.import_aliases(module)
        self.invoke_options, self.needs_import = spelling(self.names, "InvokeOptions")
        self.calls, self.dropped = 0, []

    def _converted(self, value: cst.BaseExpression) -> cst.BaseExpression | None:
        called = sdk.full_path(value.func, self.names) if isinstance(value, cst.Call) else None
        if called == "pulumi.ResourceOptions":
            kept = [arg for arg in value.args if arg.keyword is not None and arg.keyword.value in _invoke_options()]
            self.dropped += [dotted_name(arg.keyword) or "**" for arg in value.args if arg not in kept]
            if kept:  # the last one kept ends as the call's last argument did
                kept[-1] = kept[-1].with_changes(comma=value.args[-1].comma)
            return value.with_changes(func=cst.parse_expression(self.invoke_options), args=kept)
        code = cst.Module([]).code_for_node(value)
        if called is not None or code not in self.held:  # a call of something else may well make InvokeOptions
            return None
        return cst.parse_expression(f"{self.invoke_options}(parent={code}.parent, provider={code}.provider)")

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        given = keyword(updated_node, "opts")
        if given is None or sdk.invoke_of(updated_node.func, self.aliases) is None:
            return updated_node
        converted = self._converted(given.value)
        if converted is None:
            return updated_node
        self.calls += 1
        return updated_node.with_changes(args=[arg.with_changes(value=converted) if arg is given else arg for arg in updated_node.args])


class InvokeOptions(Fixer[Rejected]):
    id = "RM065"
    name = "pulumi.invoke-options"
    title = "Give an invoke InvokeOptions instead of ResourceOptions"
    kinds = frozenset({ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[Rejected] | None:
        if REJECTED not in error.message:
            return None
        return Match(error, Rejected(error.file, error.line))

    def fix(self, match: Match[Rejected], ctx: FixContext) -> FixResult:
        edits, calls, dropped = [], 0, []
        for path in ctx.project.python_files():
            text = ctx.project.read(path)
            module = parse(text) if "opts" in text else None
            if module is None:
                continue
            held = _HeldAt(module, match.found.line) if path == match.found.file and match.found.line else None
            if held is not None:
                cst.MetadataWrapper(module).visit(held)
            rewrite = _Rewrite(module, held.held if held else set())
            after = module.visit(rewrite)
            if rewrite.calls:
                edits.append(edit_with_import(ctx.project, path, after, rewrite.needs_import))
                calls, dropped = calls + rewrite.calls, dropped + rewrite.dropped
        edits = [edit for edit in edits if edit is not None]
        if not edits:
            return Skip("no invoke call here passes ResourceOptions as opts")
        return Fix(
            edits=tuple(edits),
            change=f"{calls} invoke call(s) now get InvokeOptions" + (f" (dropped: {', '.join(sorted(set(dropped)))})" if dropped else ""),
            why="An invoke (a get_* data source) takes pulumi.InvokeOptions and refuses ResourceOptions; "
            "the provider and parent carry over, so the lookup still runs in the same region.",
            safety=Safety.UNSAFE if dropped else Safety.SAFE,
            file=edits[0].path,
            dropped=tuple(sorted(set(dropped))),
        )
