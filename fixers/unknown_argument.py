"""RM001: a keyword argument the installed pulumi_aws does not accept.

pulumi_aws renames and drops inputs between major versions. What is valid now is read from
the installed SDK's signatures, not a hand-kept list; a small table adds the documented
migrations that change the value or have no counterpart. Every call of the class in the
project that carries the keyword is fixed at once, so one attempt clears them all. When the
renamed input is typed as a list and the call passes one object (or the other way round, the
singular `rule=` for `rules=[...]`), the value is wrapped in or taken out of a one-item list.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import libcst as cst

from agent.config import load_data
from agent.errors import DeployError, ErrorKind
from agent import sdk
from agent.cst import keyword, rewrite_all
from agent.fixes import Fix, FixContext, Fixer, Match, Safety, Skip

CLOSE_MATCH_CUTOFF = 0.85
_NOT_LITERAL = object()


@dataclass(frozen=True)
class Replacement:
    """What becomes of the unknown keyword in one call."""

    keyword: Optional[str]  # None: the argument is dropped
    why: str
    value: Optional[str] = None  # source of a new value; None keeps the old one

    def describe(self, argument: str) -> str:
        if self.keyword is None:
            return f"{argument}= dropped"
        return f"{argument}= -> {self.keyword}={self.value or ''}"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _literal_source(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _literal_value(node: cst.BaseExpression) -> Any:
    try:
        return ast.literal_eval(cst.Module([]).code_for_node(node))
    except (ValueError, SyntaxError, TypeError):
        return _NOT_LITERAL


def _migrations(cls: type, argument: str) -> list[dict[str, Any]]:
    name = sdk.public_name(cls)
    table = load_data("argument_migrations.json")["migrations"]
    return [entry for entry in table if entry["class"] == name and entry["argument"] == argument]


def _applies(entry: dict[str, Any], value: Any) -> bool:
    if "value" not in entry:
        return True
    return type(value) is type(entry["value"]) and value == entry["value"]


def _from_table(entry: dict[str, Any]) -> Replacement:
    why = f"{entry['why']} (source: {entry['source']})"
    target = entry["to"]
    if target is None:
        return Replacement(None, why)
    value = _literal_source(target["value"]) if "value" in target else None
    return Replacement(target["argument"], why, value)


def _from_signature(cls: type, argument: str) -> Replacement:
    """Rules (b)-(d): the resource's name prefix stripped, a close real parameter, else dropped."""
    params = sdk.parameters(cls)
    where = f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()}"
    prefix = _snake(cls.__name__) + "_"
    if argument.startswith(prefix) and argument[len(prefix) :] in params:
        target = argument[len(prefix) :]
        return Replacement(target, f"{where} names this input '{target}', without repeating the resource's name.")
    close = difflib.get_close_matches(argument, params, n=1, cutoff=CLOSE_MATCH_CUTOFF)
    if close:
        return Replacement(close[0], f"{where} has no '{argument}'; '{close[0]}' is the input it names.")
    return Replacement(None, f"{where} has no '{argument}' input and nothing close to it; check the value is not needed.")


def _without(args: list[cst.Arg], index: int) -> list[cst.Arg]:
    removed = args.pop(index)
    if index == len(args) and args:  # the new last argument takes over the closing comma/newline
        args[-1] = args[-1].with_changes(comma=removed.comma)
    return args


def _reshaped(value: cst.BaseExpression, to_list: Optional[bool], aliases: dict[str, str]) -> Optional[cst.BaseExpression]:
    """A one-object list unwrapped for a single-object input, a single object wrapped for a list input; else None."""
    if to_list is False and isinstance(value, cst.List) and len(value.elements) == 1:
        element = value.elements[0]
        if isinstance(element, cst.Element) and isinstance(element.value, (cst.Call, cst.Dict)):
            return element.value
    single = isinstance(value, cst.Dict) or (isinstance(value, cst.Call) and sdk.class_of(value.func, aliases) is not None)
    if to_list and single:
        return cst.List([cst.Element(value)])
    return None


class _Rewrite(cst.CSTTransformer):
    def __init__(self, cls: type, argument: str, decide: Callable[[cst.Call, cst.Arg], Replacement]) -> None:
        self.cls = cls
        self.argument = argument
        self.decide = decide
        self.aliases: dict[str, str] = {}
        self.applied: list[Replacement] = []
        self.reshaped = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        arg = keyword(updated_node, self.argument)
        if arg is None or sdk.class_of(updated_node.func, self.aliases) is not self.cls:
            return updated_node
        replacement = self.decide(updated_node, arg)
        self.applied.append(replacement)
        args = list(updated_node.args)
        index = next(i for i, a in enumerate(args) if a is arg)
        if replacement.keyword is None:
            args = _without(args, index)
        else:
            changes: dict[str, Any] = {"keyword": cst.Name(replacement.keyword)}
            if replacement.value is not None:
                changes["value"] = cst.parse_expression(replacement.value)
            else:
                value = _reshaped(arg.value, sdk.is_list_input(self.cls, replacement.keyword), self.aliases)
                if value is not None:
                    changes["value"] = value
                    self.reshaped += 1
            args[index] = arg.with_changes(**changes)
        return updated_node.with_changes(args=args)


class UnknownArgument(Fixer):
    id = "RM001"
    name = "python.unknown-argument"
    title = "Rename or drop a keyword argument the installed pulumi_aws does not accept"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        if error.kind not in self.kinds or not {"cls", "argument"} <= error.details.keys():
            return None
        argument = error.details["argument"]
        cls = sdk.class_lacking(ctx.project, error.details["cls"], argument)
        return None if cls is None else Match(error, {"cls": cls, "argument": argument})

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        cls, argument = match.data["cls"], match.data["argument"]
        entries = _migrations(cls, argument)
        fallback = _from_signature(cls, argument)

        def decide(call: cst.Call, arg: cst.Arg) -> Replacement:
            value = _literal_value(arg.value)
            entry = next((e for e in entries if _applies(e, value)), None)
            chosen = _from_table(entry) if entry else fallback
            if chosen.keyword is not None and keyword(call, chosen.keyword) is not None:
                return Replacement(None, f"The call already sets '{chosen.keyword}', so the unknown '{argument}' was dropped.")
            return chosen

        rewrites: list[_Rewrite] = []

        def transformer() -> _Rewrite:
            rewrites.append(_Rewrite(cls, argument, decide))
            return rewrites[-1]

        edits = rewrite_all(ctx.project, transformer)
        applied = [replacement for rewrite in rewrites for replacement in rewrite.applied]
        if not edits:
            return Skip(f"no call of {sdk.public_name(cls)} in the project passes {argument}=")
        outcomes = list(dict.fromkeys(r.describe(argument) for r in applied))
        whys = list(dict.fromkeys(r.why for r in applied))
        dropped = any(r.keyword is None for r in applied)
        calls = f"{len(applied)} call{'s' if len(applied) != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        reshaped = sum(rewrite.reshaped for rewrite in rewrites)
        if reshaped:
            calls += f"; {reshaped} value{'s' if reshaped != 1 else ''} fitted to the input's list/single shape"
            whys.append("The installed SDK types the renamed input as a list or a single object, so the value was wrapped in or taken out of a one-item list.")
        return Fix(
            edits=tuple(edits),
            change=f"{sdk.public_name(cls)}: {'; '.join(outcomes)} ({calls})",
            why=" ".join(whys),
            safety=Safety.UNSAFE if dropped else Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
