"""RM038: a required input of a pulumi_aws call passed under a spelling the SDK rejects.

The value is there, under another name: an earlier major's (config/sdk_history.json), `rest_api_id=`
for `rest_api=`, the singular `rule=` for the list `rules=`, wrapped in an older SDK's Args object,
or flattened out of the one required input whose Args type takes it (`BucketVersioningV2(status=...)`),
or, failing those, named with the words of the one required input it shares most of them with
(`provisioned_concurrency_units=` for `provisioned_concurrent_executions=`).
The call fails with "unexpected keyword argument"; dropping it (RM001's fallback) would lose the
value, so it is respelled first.

Before:
    aws.apigateway.RequestValidator("v", rest_api_id=api.id, validate_request_body=True)
After:
    aws.apigateway.RequestValidator("v", rest_api=api.id, validate_request_body=True)

Safety: safe. The value is the author's; only the name or nesting the installed SDK wants changes.
A name read from shared words alone is unsafe: the value may not fit what the input means.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import libcst as cst

from agent.core import sdk, sdk_history
from agent.core.cst import dotted_name, keyword, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._required import ReplaceArgs, Site, calls_in, is_sequence, lacks, required


@dataclass(frozen=True)
class RejectedSpelling:
    """The SDK class that rejected `argument`, one with required inputs it may stand for."""

    cls: type
    argument: str


def _stands_for(argument: str, cls: type) -> str | None:
    """The required input an unaccepted keyword spells differently: the name an earlier major gave it
    (config/sdk_history.json: ReplicationGroup `replication_group_description` -> `description`),
    else rest_api_id -> rest_api, rule -> rules."""
    owner = sdk_history.owner_of(cls)
    change = sdk_history.field(*owner, "argument", argument) if owner else None
    if change is not None and change.new in required(cls):
        return change.new
    for name in required(cls):
        if argument in (name + "_id", name + "_arn", name + "_name") or (argument + "s" == name and is_sequence(cls, name)):
            return name
    return None


def _stems(name: str) -> set[str]:
    """A snake_case name's words cut to their first six letters: `concurrency` and `concurrent` meet."""
    return {word[:6] for word in name.split("_")}


def _named_alike(argument: str, missing: list[str]) -> str | None:
    """The one missing required input that starts with the argument's first word and shares at least
    half of all their words: `provisioned_concurrency_units` -> `provisioned_concurrent_executions`."""
    first = argument.split("_")[0][:6]
    alike = [
        m for m in missing if m.split("_")[0][:6] == first and 2 * len(_stems(m) & _stems(argument)) >= len(_stems(m) | _stems(argument))
    ]
    return alike[0] if len(alike) == 1 else None


def _unwrapped(value: cst.BaseExpression, name: str, aliases: dict[str, str]) -> cst.BaseExpression | None:
    """`X=SomeArgs(name=v)` -> v: the required input inside the single-input wrapper of an older SDK."""
    callee = dotted_name(value.func) if isinstance(value, cst.Call) else None
    if callee is None or callee.split(".")[0] not in aliases:  # may name a class this SDK no longer has
        return None
    inner = keyword(value, name)
    return inner.value if inner is not None and len(value.args) == 1 else None


class _Rename(cst.CSTTransformer):
    def __init__(self, old_prefix: str, new_prefix: str, sdk_module) -> None:
        self.old_prefix, self.new_prefix, self.sdk_module = old_prefix, new_prefix, sdk_module

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        name = updated_node.attr.value
        renamed = self.new_prefix + name[len(self.old_prefix) :]
        if name.startswith(self.old_prefix) and not hasattr(self.sdk_module, name) and hasattr(self.sdk_module, renamed):
            return updated_node.with_changes(attr=cst.Name(renamed))
        return updated_node


def _without_segment(value: cst.BaseExpression, wrapper: cst.Call, cls: type) -> cst.BaseExpression:
    """Nested Args named after the dropped wrapper lose its segment, when the SDK has the shorter name:
    `<Cls>ServerSideEncryptionConfigurationRuleArgs` -> `<Cls>RuleArgs`."""
    wrapper_name = (dotted_name(wrapper.func) or "").split(".")[-1]
    if not (wrapper_name.startswith(cls.__name__) and wrapper_name.endswith("Args")):
        return value
    sdk_module = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
    return value.visit(_Rename(wrapper_name[: -len("Args")], cls.__name__, sdk_module))


def _nesting(cls: type, argument: str, missing: list[str]) -> str | None:
    """The one missing required input whose Args type takes `argument`: BucketVersioningV2's
    `status=` belongs in `versioning_configuration`."""
    owners = [m for m in missing if (inner := sdk.input_args_class(cls, m)) is not None and argument in sdk.parameters(inner)]
    return owners[0] if len(owners) == 1 else None


def _nested(argument: str, value: cst.BaseExpression, as_list: bool) -> cst.BaseExpression:
    """`{"argument": value}` (in a list when the input takes a list): the dict form every Args input accepts."""
    entry = cst.Dict([cst.DictElement(cst.SimpleString(f'"{argument}"'), value)])
    return cst.List([cst.Element(entry)]) if as_list else entry


def _respell(
    aliases: dict[str, str], sites: list[Site], cls: type, argument: str, changed: list[str], guessed: list[str]
) -> dict[int, list[cst.Arg]]:
    """New arguments of the calls of `cls` that pass a required input they lack as `argument=`;
    `guessed` gets the respellings read from shared words alone."""
    new_args = {}
    for site in sites:
        given = keyword(site.call, argument)
        if given is None or sdk.class_of(site.call.func, aliases) is not cls:
            continue
        missing = [name for name in required(cls) if lacks(site.call, name)]
        name, value = _stands_for(argument, cls), given.value
        if name is None or name not in missing:
            name = next((m for m in missing if _unwrapped(given.value, m, aliases) is not None), None)
            if name is not None:
                value = _without_segment(_unwrapped(given.value, name, aliases), given.value, cls)
            elif (name := _nesting(cls, argument, missing)) is not None:
                value = _nested(argument, given.value, bool(sdk.is_list_input(cls, name)))
            elif (name := _named_alike(argument, missing)) is not None:
                guessed.append(f"{argument}= -> {name}=")
            else:
                continue
        elif is_sequence(cls, name) and not isinstance(value, (cst.List, cst.Tuple, cst.ListComp)):
            value = cst.List([cst.Element(value)])
        new = given.with_changes(keyword=cst.Name(name), value=value)
        new_args[id(site.call)] = [new if a is given else a for a in site.call.args]
        changed.append(f"{argument}= -> {name}=")
    return new_args


def _respelled_files(ctx: FixContext, cls: type, argument: str, changed: list[str], guessed: list[str]) -> list[Edit]:
    """Edits of every Python file with a call of `cls` passing a required input as `argument=`
    (a file not spelling `argument` holds none)."""
    edits = []
    for path in ctx.project.python_files():
        text = ctx.project.read(path)
        module = parse(text) if argument in text else None
        aliases = sdk.import_aliases(module) if module is not None else {}
        if not aliases:
            continue
        new_args = _respell(aliases, calls_in(module).sites, cls, argument, changed, guessed)
        edit = edit_file(ctx.project, path, module.visit(ReplaceArgs(new_args)).code) if new_args else None
        if edit is not None:
            edits.append(edit)
    return edits


class RespelledInput(Fixer[RejectedSpelling]):
    id = "RM038"
    name = "python.respelled-required-input"
    title = "Pass a required pulumi_aws input under the name the SDK gives it"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001"})  # RM001 would drop the keyword and the required value with it

    def match(self, error: DeployError, ctx: FixContext) -> Match[RejectedSpelling] | None:
        if not {"cls", "argument"} <= error.details.keys():
            return None
        cls = sdk.class_lacking(ctx.project, error.details["cls"], error.details["argument"])
        if cls is None or not required(cls):
            return None
        return Match(error, RejectedSpelling(cls, error.details["argument"]))

    def fix(self, match: Match[RejectedSpelling], ctx: FixContext) -> Fix | Skip:
        cls, argument = match.found.cls, match.found.argument
        changed: list[str] = []
        guessed: list[str] = []
        edits = _respelled_files(ctx, cls, argument, changed, guessed)
        if not edits:
            return Skip(f"no call of {sdk.public_name(cls)} passes {argument}= for a required input it lacks")
        return Fix(
            edits=tuple(edits),
            change=f"{sdk.public_name(cls)}: {', '.join(sorted(set(changed)))} ({len(changed)} call{'s' if len(changed) != 1 else ''})",
            why=f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()} requires this input under that name; the call gave its value under a spelling it rejects."
            + (" The name was read from the words the two share: check the value fits it." if guessed else ""),
            safety=Safety.UNSAFE if guessed else Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
