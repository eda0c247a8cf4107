"""RM026: a settings block that turns its feature off lacks an input the SDK requires.

`access_logs=aws.lb.LoadBalancerAccessLogsArgs(enabled=False)` fails with "missing 1 required
keyword-only argument: 'bucket'": the SDK wants a bucket even for logs that are off. The block
says only "no access logs", which is what the resource does without it, so the argument is
dropped. A block that enables its feature is left to RM014, RM018 or a human: it needs the value.

Before:
    aws.lb.LoadBalancer("web", subnets=subnets, access_logs=aws.lb.LoadBalancerAccessLogsArgs(enabled=False))
After:
    aws.lb.LoadBalancer("web", subnets=subnets)

Safety: safe. Without the block the feature is off, as the block said.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from agent.core import sdk
from agent.core.cst import keyword, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._companion import without_arguments


@dataclass(frozen=True)
class ArgsLacking:
    """The Args class the error names and the required input it was not given."""

    cls: type
    missing: str


def _turned_off(call: cst.Call) -> bool:
    enabled = keyword(call, "enabled")
    return enabled is not None and isinstance(enabled.value, cst.Name) and enabled.value.value == "False"


class _DropDisabled(cst.CSTTransformer):
    """Drop each keyword argument whose value is a turned-off `cls(...)` lacking `missing`."""

    def __init__(self, cls: type, missing: str, aliases: dict[str, str]) -> None:
        self.cls, self.missing, self.aliases = cls, missing, aliases
        self.dropped: list[str] = []

    def _is_disabled_block(self, value: cst.BaseExpression) -> bool:
        return (
            isinstance(value, cst.Call)
            and sdk.class_of(value.func, self.aliases) is self.cls
            and keyword(value, self.missing) is None
            and _turned_off(value)
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        names = {a.keyword.value for a in updated_node.args if a.keyword and self._is_disabled_block(a.value)}
        self.dropped += sorted(names)
        return without_arguments(updated_node, names) if names else updated_node


class DisabledBlock(Fixer[ArgsLacking]):
    id = "RM026"
    name = "python.disabled-block"
    title = "Drop a settings block that turns its feature off but lacks an input the SDK requires"
    kinds = frozenset({ErrorKind.MISSING_PROPERTY})
    safety = Safety.SAFE
    runs_before = frozenset({"RM014", "RM018"})  # a block turned off needs no value guessed for its other inputs

    def match(self, error: DeployError, ctx: FixContext) -> Match[ArgsLacking] | None:
        name, missing = error.details.get("cls"), error.details.get("property")
        if not name or not missing or not name.endswith("Args"):
            return None
        classes = sdk.classes_named(ctx.project, name)
        if len(classes) != 1:
            return None
        return Match(error, ArgsLacking(classes.pop(), missing))

    def fix(self, match: Match[ArgsLacking], ctx: FixContext) -> Fix | Skip:
        cls, missing = match.found.cls, match.found.missing
        edits, dropped = [], []
        for path in ctx.project.python_files():
            if cls.__name__ not in ctx.project.read(path):
                continue
            module = parsed_or_skip(ctx.project, path)
            if isinstance(module, Skip):
                continue
            transformer = _DropDisabled(cls, missing, sdk.import_aliases(module))
            edit = edit_file(ctx.project, path, module.visit(transformer).code)
            if edit is not None:
                edits.append(edit)
                dropped += [f"{path}: {name}=" for name in transformer.dropped]
        if not edits:
            return Skip(f"no {cls.__name__}(enabled=False) without {missing}= is passed as an argument")
        return Fix(
            edits=tuple(edits),
            change=f"dropped {', '.join(dropped)} ({cls.__name__} with enabled=False and no {missing}=)",
            why=f"{cls.__name__} requires {missing}= even when its feature is off; the block only said 'off', "
            "which is what the resource does without it.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
