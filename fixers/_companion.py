"""A companion resource placed right after the resource whose removed inputs it now carries.

pulumi-aws moves settings out of a resource into a resource of their own (an API Gateway
Deployment's stage into a Stage, an S3 bucket's public access settings into a
BucketPublicAccessBlock). Fixers for those moves build the new statement here, so the companion
reads like its neighbour: same module spelling, same argument layout, same parent and provider.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import libcst as cst

from agent.core import sdk
from agent.core.cst import dotted_name, keyword, keyword_arg, parsed_or_skip, string_value, with_string_value
from agent.core.errors import DeployError
from agent.core.fixes import Edit, FixContext, Match, Skip, edit_file
from agent.core.project import Project

KEPT_OPTIONS = ("parent", "provider")  # what a companion shares with its resource's ResourceOptions
Collected = TypeVar("Collected", bound=cst.CSTVisitor)
Found = TypeVar("Found")  # what a fixer collected of one owner: its settings to move


def moved_argument(error: DeployError, ctx: FixContext, arguments, classes) -> Match[None] | None:
    """A claim on `unexpected keyword argument` naming one of `arguments` on one of `classes`, which
    the companion resource takes (the fixer runs before RM001, which would only drop the argument)."""
    argument = error.details.get("argument")
    if argument not in arguments or "cls" not in error.details:
        return None
    target = sdk.class_lacking(ctx.project, error.details["cls"], argument)
    if target is None or sdk.public_name(target) not in classes:
        return None
    return Match(error)


def rewritten_files(
    project: Project,
    needles: tuple[str, ...],
    collect: Callable[[], Collected],
    found: Callable[[Collected], object],
    move: Callable[[Collected], cst.CSTTransformer],
) -> Iterator[tuple[str, Edit, Collected]]:
    """(path, edit, what was collected) for each file spelling a needle in which `collect()` finds
    something and `move(collected)` changes the code."""
    for path in project.python_files():
        if not any(needle in project.read(path) for needle in needles):
            continue
        module = parsed_or_skip(project, path)
        if isinstance(module, Skip):
            continue
        collected = collect()
        module.visit(collected)
        edit = edit_file(project, path, module.visit(move(collected)).code) if found(collected) else None
        if edit is not None:
            yield path, edit, collected


def assigned_name(node: cst.Assign) -> str | None:
    """`bucket` or `self.bucket` for a statement assigning to one such name, else None."""
    return dotted_name(node.targets[0].target) if len(node.targets) == 1 else None


def class_name(call: cst.Call, aliases: dict[str, str]) -> str | None:
    """ "s3.Bucket" for a call constructing aws.s3.Bucket, per the module's imports."""
    cls = sdk.class_of(call.func, aliases)
    return sdk.public_name(cls) if cls is not None else None


def suffixed_name(name: cst.BaseExpression, suffix: str) -> cst.BaseExpression:
    """The resource name with `suffix` appended, in the same kind of expression."""
    if isinstance(name, cst.SimpleString) and string_value(name) is not None:
        return with_string_value(name, f"{string_value(name)}{suffix}")
    if isinstance(name, cst.FormattedString):
        return name.with_changes(parts=[*name.parts, cst.FormattedStringText(suffix)])
    return cst.BinaryOperation(name, cst.Add(), cst.SimpleString(f'"{suffix}"'))


def without_arguments(call: cst.Call, names: set[str]) -> cst.Call:
    """The call without the keyword arguments `names`; a comment above a dropped argument goes with it."""
    kept: list[cst.Arg] = []
    for arg in call.args:
        if not (arg.keyword and arg.keyword.value in names):
            kept.append(arg)
        elif kept:  # the previous argument takes the separator that followed the dropped one
            kept[-1] = kept[-1].with_changes(comma=_separator(kept[-1].comma, arg.comma), whitespace_after_arg=arg.whitespace_after_arg)
    return call if len(kept) == len(call.args) else call.with_changes(args=kept)


def _separator(kept, dropped):
    """The dropped argument's separator, keeping a comment at the end of the kept argument's line."""
    if not (isinstance(kept, cst.Comma) and isinstance(dropped, cst.Comma)):
        return dropped
    before, after = kept.whitespace_after, dropped.whitespace_after
    if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(after, cst.ParenthesizedWhitespace):
        return dropped.with_changes(whitespace_after=after.with_changes(first_line=before.first_line))
    return dropped


def _kept_options(call: cst.Call) -> cst.Arg | None:
    """opts= for the companion: the resource's parent and provider, when it sets them."""
    opts = keyword(call, "opts")
    if opts is None or not isinstance(opts.value, cst.Call):
        return None
    kept = [
        arg.with_changes(comma=cst.MaybeSentinel.DEFAULT) for arg in opts.value.args if arg.keyword and arg.keyword.value in KEPT_OPTIONS
    ]
    return keyword_arg("opts", opts.value.with_changes(args=kept)) if kept else None


def _laid_out_like(call: cst.Call, args: list[cst.Arg]) -> list[cst.Arg]:
    """Arguments separated as the call separates its own (one per line stays one per line)."""
    between = next((a.comma for a in call.args if isinstance(a.comma, cst.Comma)), cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    if not call.args:
        return args
    last = call.args[-1]  # its comma, or the space after it, holds the newline before `)`
    return [arg.with_changes(comma=between) for arg in args[:-1]] + [
        args[-1].with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
    ]


def companion_line(
    line: cst.SimpleStatementLine, call: cst.Call, target: str, cls: str, suffix: str, args: list[cst.Arg]
) -> cst.SimpleStatementLine:
    """`<target> = <aws.module>.<cls>("<name><suffix>", *args, opts=<parent, provider>)`, a statement
    for right after `line`, which constructs `call`."""
    head = (dotted_name(call.func) or "").rsplit(".", 1)[0]
    named = [cst.Arg(suffixed_name(call.args[0].value, suffix))] if call.args and call.args[0].keyword is None else []
    options = _kept_options(call)
    new_call = call.with_changes(
        func=cst.parse_expression(f"{head}.{cls}"), args=_laid_out_like(call, [*named, *args, *([options] if options else [])])
    )
    statement = line.body[0].with_changes(targets=[cst.AssignTarget(cst.parse_expression(target))], value=new_call)
    return line.with_changes(body=[statement], leading_lines=[], trailing_whitespace=cst.TrailingWhitespace())


class AfterOwner(cst.CSTTransformer, Generic[Found]):
    """For each statement assigning an owner that `found` maps its target to: the owner's call
    without the `removed` arguments, followed by the `companion` statement when there is one."""

    def __init__(self, found: dict[str, Found]) -> None:
        self.found = found

    def removed(self, found: Found) -> set[str]:
        raise NotImplementedError

    def companion(self, line: cst.SimpleStatementLine, call: cst.Call, target: str, found: Found) -> cst.SimpleStatementLine | None:
        raise NotImplementedError

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        statement = updated_node.body[0]
        target = assigned_name(statement) if isinstance(statement, cst.Assign) else None
        found = self.found.get(target or "")
        if found is None:
            return updated_node
        updated_node = updated_node.with_changes(
            body=[statement.with_changes(value=without_arguments(statement.value, self.removed(found)))]
        )
        companion = self.companion(updated_node, original_node.body[0].value, target, found)
        return updated_node if companion is None else cst.FlattenSentinel([updated_node, companion])
