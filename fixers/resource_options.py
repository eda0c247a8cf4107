"""RM011: resource options (`depends_on=`, `parent=`, `provider=` ...) passed as resource inputs.

Pulumi takes them only inside `opts=pulumi.ResourceOptions(...)`; passed to the resource itself
they raise "unexpected keyword argument". Dropping them (RM001's fallback) would lose ordering,
parenting or the provider, so they move into `opts` (merged with what it already holds). The
option names come from the installed `pulumi.ResourceOptions.__init__`, not a hand-kept list.

Before:
    aws.s3.Bucket("logs", depends_on=[role])
After:
    aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(depends_on=[role]))

Safety: safe. The option keeps its value and meaning; one opts already sets keeps that value.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from functools import lru_cache

import libcst as cst
import pulumi

from agent.core import sdk
from agent.core.cst import keyword, keyword_arg, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers import _pulumi

# Options that are also common resource inputs/outputs (an engine `version`, a resource `id`):
# a stray one is more likely a misnamed input than an option, so RM001 handles it.
_AMBIGUOUS = {"version", "id", "urn"}


@dataclass(frozen=True)
class OptionAsInput:
    """The resource option the error names, passed to the resource as an input."""

    option: str


@lru_cache(maxsize=1)
def option_names() -> frozenset[str]:
    params = inspect.signature(pulumi.ResourceOptions.__init__).parameters
    return frozenset(params) - {"self"} - _AMBIGUOUS


def _misplaced(cls: type, call: cst.Call) -> list[cst.Arg]:
    """The keywords of a resource call that are options the resource does not take as inputs."""
    accepted = set(sdk.parameters(cls))
    return [a for a in call.args if a.keyword is not None and a.keyword.value in option_names() - accepted]


def _appended(args: list[cst.Arg], new: list[cst.Arg]) -> list[cst.Arg]:
    """`args` + `new`, the commas laid out as the call already lays them out (one line or one per line)."""
    if not new:
        return args
    if not args:
        separator: cst.Comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        return [*(a.with_changes(comma=separator) for a in new[:-1]), new[-1]]
    last = args[-1].comma
    separator = next((a.comma for a in args[:-1] if isinstance(a.comma, cst.Comma)), None) or cst.Comma(
        whitespace_after=cst.SimpleWhitespace(" ")
    )
    laid_out = [*args[:-1], args[-1].with_changes(comma=separator)]
    laid_out += [a.with_changes(comma=separator) for a in new[:-1]]
    return [*laid_out, new[-1].with_changes(comma=last)]


def _without(args: list[cst.Arg], moved: list[cst.Arg]) -> list[cst.Arg]:
    kept = [a for a in args if not any(a is m for m in moved)]
    if kept and kept[-1] is not args[-1]:  # the new last argument takes over the closing comma/newline
        kept[-1] = kept[-1].with_changes(comma=args[-1].comma)
    return kept


def _option(arg: cst.Arg) -> cst.Arg:
    return keyword_arg(arg.keyword.value, arg.value)


class _Move(cst.CSTTransformer):
    def __init__(self, names: dict[str, str], options: str) -> None:
        self.aliases: dict[str, str] = {}
        self.names = names
        self.options = options  # how the module spells pulumi.ResourceOptions
        self.moved: list[str] = []
        self.calls = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def _opts_value(self, current: cst.BaseExpression | None, moved: list[cst.Arg]) -> cst.BaseExpression | None:
        fresh = cst.Call(func=cst.parse_expression(self.options), args=_appended([], [_option(a) for a in moved]))
        if current is None or (isinstance(current, cst.Name) and current.value == "None"):
            return fresh
        if isinstance(current, cst.Call) and sdk.full_path(current.func, self.names) == "pulumi.ResourceOptions":
            if any(arg.star for arg in current.args):
                return None
            new = [_option(a) for a in moved if keyword(current, a.keyword.value) is None]
            return current.with_changes(args=_appended(list(current.args), new))
        merge = cst.parse_expression(f"{self.options}.merge")
        return cst.Call(func=merge, args=_appended([], [cst.Arg(current), cst.Arg(fresh)]))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        cls = sdk.class_of(updated_node.func, self.aliases)
        if cls is None or not issubclass(cls, pulumi.Resource) or any(a.star for a in updated_node.args):
            return updated_node
        moved = _misplaced(cls, updated_node)
        if not moved or len([a for a in updated_node.args if a.keyword is None]) > 2:  # opts given by position
            return updated_node
        opts = keyword(updated_node, "opts")
        value = self._opts_value(opts.value if opts else None, moved)
        if value is None:
            return updated_node
        args = [a.with_changes(value=value) if a is opts else a for a in updated_node.args]
        args = _without(args, moved)
        if opts is None:
            args = _appended(args, [keyword_arg("opts", value)])
        self.moved += [a.keyword.value for a in moved]
        self.calls += 1
        return updated_node.with_changes(args=args)


class ResourceOptionsAsKwargs(Fixer[OptionAsInput]):
    id = "RM011"
    name = "python.resource-options-as-kwargs"
    title = "Move resource options passed as keyword arguments into opts=pulumi.ResourceOptions(...)"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001"})  # RM001 would drop an option passed as an input

    def match(self, error: DeployError, ctx: FixContext) -> Match[OptionAsInput] | None:
        if not {"cls", "argument"} <= error.details.keys():
            return None
        argument = error.details["argument"]
        if argument not in option_names():
            return None
        if sdk.class_lacking(ctx.project, error.details["cls"], argument) is None:
            return None
        return Match(error, OptionAsInput(argument))

    def fix(self, match: Match[OptionAsInput], ctx: FixContext) -> Fix | Skip:
        moves: list[_Move] = []
        edits = []
        for path in ctx.project.python_files():
            module = parse(ctx.project.read(path))
            if module is None:
                continue
            names = _pulumi.imported_names(module)
            options, needs_import = _pulumi.spelling(names, "ResourceOptions")
            move = _Move(names, options)
            after = module.visit(move)
            if move.calls and needs_import:
                after = _pulumi.with_import(after)
            edit = edit_file(ctx.project, path, after.code) if move.calls else None
            if edit is not None:
                moves.append(move)
                edits.append(edit)
        if not edits:
            return Skip(f"no resource call in the project passes {match.found.option}= outside opts")
        moved = sorted({name for move in moves for name in move.moved})
        calls = sum(move.calls for move in moves)
        return Fix(
            edits=tuple(edits),
            change=f"{', '.join(f'{n}=' for n in moved)} moved into opts=ResourceOptions(...) ({calls} call{'s' if calls != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''})",
            why=(
                "Pulumi resources take options such as depends_on, parent and provider only through "
                "opts=ResourceOptions; moved there they keep their meaning (an option opts already sets keeps that value)."
            ),
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
