"""RM001: a keyword argument the installed pulumi_aws does not accept.

pulumi_aws renames and drops inputs of resources, Args classes and invokes between major versions.
What is valid now is read from the installed SDK's signatures. config/sdk_history.json (generated
from the old majors) gives the input an old name became, or the block field it moved into; else
config/argument_migrations.json the documented migrations the diff cannot find (a new value, no
counterpart, a filter, or a new value for the history's own rename); else the history's note of
the own resource that replaced it. Else the name without the resource's own prefix, or with a
word of it (`days` -> `noncurrent_days` in a NoncurrentVersionExpiration); else the closest real
input; else, for a plural argument, the one list input named by its own words
(`queue_configurations` -> `queues`, unsafe); else the argument is dropped. Every call of the class
or invoke passing it is fixed at once, the value wrapped in or
taken out of a one-item list when the new input's list shape differs.

Before:
    aws.ec2.get_subnets(vpc_id=vpc.id)
After:
    aws.ec2.get_subnets(filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[vpc.id])])

Safety: safe when the argument is renamed, unsafe when it is dropped or the migration table marks it unsafe.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import libcst as cst

from agent.core import sdk, sdk_history, sdk_index
from agent.core.config import load_data
from agent.core.cst import dotted_name, keyword, keyword_arg, rewrite_all, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip

CLOSE_MATCH_CUTOFF = 0.85
_NOT_LITERAL = object()


@dataclass(frozen=True)
class Replacement:
    """What becomes of the unknown keyword in one call."""

    keyword: str | None  # None: the argument is dropped
    why: str
    value: str | None = None  # source of a new value; None keeps the old one
    filter: str | None = None  # the value becomes a filter of this name in the list input `keyword`
    field: str | None = None  # the value becomes this field of the object input `keyword`
    attribute: str | None = None  # the value, an output read `x.name`, becomes `x.<attribute>`
    unsafe: bool = False

    def describe(self, argument: str) -> str:
        if self.keyword is None:
            return f"{argument}= dropped"
        if self.filter is not None:
            return f"{argument}= -> {self.keyword}=[{self.filter!r} filter]"
        if self.field is not None:
            return f"{argument}= -> {self.keyword}.{self.field}"
        if self.attribute is not None:
            return f"{argument}=x.… -> {self.keyword}=x.{self.attribute}"
        return f"{argument}= -> {self.keyword}={self.value or ''}"


@dataclass(frozen=True)
class RejectedArgument:
    """The pulumi_aws class or invoke that rejected `argument`."""

    target: Any
    argument: str


def _literal_source(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _literal_value(node: cst.BaseExpression) -> Any:
    try:
        return ast.literal_eval(cst.Module([]).code_for_node(node))
    except (ValueError, SyntaxError, TypeError):
        return _NOT_LITERAL


def _own_name(target: Any) -> str:
    """The name a keyword may needlessly repeat, whole or its last words: `replication_group` (or `group`)
    for ReplicationGroup, `vpc` for get_vpc."""
    if inspect.isfunction(target):
        return target.__name__.removeprefix("get_").removesuffix("_output")
    return sdk.snake_case(target.__name__)


def _migrations(target: Any, argument: str) -> list[dict[str, Any]]:
    name = sdk.public_name(target).removesuffix("_output")  # an invoke's output form takes the same inputs
    table = load_data("argument_migrations.json")["migrations"]
    return [entry for entry in table if entry.get("class", entry.get("invoke")) == name and entry["argument"] == argument]


def _applies(entry: dict[str, Any], value: Any) -> bool:
    if "value" not in entry:
        return True
    return type(value) is type(entry["value"]) and value == entry["value"]


def _from_table(entry: dict[str, Any]) -> Replacement:
    why = f"{entry['why']} (source: {entry['source']})"
    target = entry["to"]
    if target is None:
        return Replacement(None, why)
    unsafe = entry.get("safety") == "unsafe"
    if "filter" in target:
        return Replacement(target["argument"], why, filter=target["filter"], unsafe=unsafe)
    if "field" in target:
        return Replacement(target["argument"], why, field=target["field"], unsafe=unsafe)
    if "attribute" in target:
        return Replacement(target["argument"], why, attribute=target["attribute"], unsafe=unsafe)
    value = _literal_source(target["value"]) if "value" in target else None
    return Replacement(target["argument"], why, value, unsafe=unsafe)


def _from_history(target: Any, argument: str) -> Replacement | None:
    """The input an earlier major's `argument` became (config/sdk_history.json), or, for one that an
    own resource replaced (s3 Bucket `versioning` -> s3.BucketVersioning), a drop that names it."""
    owner = sdk_history.owner_of(target)
    change = sdk_history.field(*owner, "argument", argument) if owner else None
    if change is None:
        return None
    where = f"{sdk.public_name(target)} in {change.package} {sdk.version(change.package)}"
    if change.new is not None and change.new in sdk.parameters(target):
        deprecated = sdk_history.deprecated(*owner, "argument", change.new)
        later = f" It still takes '{change.new}' but {deprecated.describe()}" if deprecated else ""  # s3.Bucket loggings -> logging
        if change.field is not None:
            why = f"{where} takes this as the '{change.field}' of '{change.new}': {change.describe()}.{later}"
            return Replacement(change.new, why, field=change.field)
        return Replacement(change.new, f"{where} names this input '{change.new}': {change.describe()}.{later}")
    if change.new is None and change.replacement is not None:
        module, cls = change.replacement
        resource = f"{module.partition('.')[2]}.{cls}".lstrip(".")
        return Replacement(
            None,
            f"{where} has no '{argument}': {change.describe()}; the {resource} resource configures it now, so add one for this value.",
        )
    return None


def _refines(documented: Replacement, renamed: Replacement) -> bool:
    """Whether a documented migration adds what no diff shows to the history's rename: the same new
    input with a new value or as an output's other attribute (ec2.FlowLog `log_group_name=x.name` ->
    `log_destination=x.arn`)."""
    return documented.keyword == renamed.keyword and (documented.value is not None or documented.attribute is not None)


def _named_by_its_words(cls: Any, argument: str, params: list[str]) -> str | None:
    """For a plural argument, the one list input whose words all come from the argument's, its first word
    among them: `queue_configurations` (boto3's QueueConfigurations) -> `queues`. A list for a list: a
    single value's extra word may change its type (`auth_token_enabled` is no `auth_token`)."""
    if not argument.endswith("s"):
        return None
    wanted = sdk_index.words(argument)
    head = argument.split("_")[0].removesuffix("s")
    fitting = [p for p in params if head in (words := sdk_index.words(p)) and words <= wanted and sdk.is_list_input(cls, p)]
    return fitting[0] if len(fitting) == 1 else None


def _from_signature(cls: Any, argument: str) -> Replacement:
    """Rules (b)-(d): the resource's (or invoke's) name prefix stripped or, the other way, a word of its
    name added, a close real parameter, the one named by the argument's own words, else dropped."""
    params = sdk.parameters(cls)
    where = f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()}"
    words = _own_name(cls).split("_")
    prefixes = ["_".join(words[i:]) + "_" for i in range(len(words))]  # metric_alarm_, alarm_ for MetricAlarm
    prefix = next((p for p in prefixes if argument.startswith(p) and argument[len(p) :] in params), None)
    if prefix is not None:
        target = argument[len(prefix) :]
        return Replacement(
            target,
            f"{where} names this input '{target}', without repeating {'the resource' if isinstance(cls, type) else 'the data source'}'s name.",
        )
    owned = [p for p in params if p.endswith("_" + argument) and set(p[: -len(argument) - 1].split("_")) <= set(words)]
    if len(owned) == 1:  # days -> noncurrent_days in a NoncurrentVersionExpiration
        return Replacement(owned[0], f"{where} names this input '{owned[0]}', with the word its own name gives it.")
    close = difflib.get_close_matches(argument, params, n=1, cutoff=CLOSE_MATCH_CUTOFF)
    if close:
        return Replacement(close[0], f"{where} has no '{argument}'; '{close[0]}' is the input it names.")
    named = _named_by_its_words(cls, argument, params)
    if named is not None:
        why = f"{where} has no '{argument}'; '{named}' is its one input named by the argument's own words. Check the value fits it."
        return Replacement(named, why, unsafe=True)
    return Replacement(None, f"{where} has no '{argument}' input and nothing close to it; check the value is not needed.")


def _without(args: list[cst.Arg], index: int) -> list[cst.Arg]:
    removed = args.pop(index)
    if index == len(args) and args:  # the new last argument takes over the closing comma/newline
        args[-1] = args[-1].with_changes(comma=removed.comma, whitespace_after_arg=removed.whitespace_after_arg)
    return args


SCALARS = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
SCALAR_OUTPUTS = {"id", "arn", "name"}  # outputs every resource holds as one string: `sg.id` is never a list


def _reshaped(value: cst.BaseExpression, to_list: bool | None, aliases: dict[str, str]) -> cst.BaseExpression | None:
    """A one-object list unwrapped for a single-object input, a single object, string or `x.id` wrapped
    for a list input (`security_group_id=sg.id` -> `security_group_ids=[sg.id]`); else None."""
    if to_list is False and isinstance(value, cst.List) and len(value.elements) == 1:
        element = value.elements[0]
        if isinstance(element, cst.Element) and isinstance(element.value, (cst.Call, cst.Dict)):
            return element.value
    single = isinstance(value, cst.Dict) or (isinstance(value, cst.Call) and sdk.class_of(value.func, aliases) is not None)
    single |= isinstance(value, SCALARS) or (isinstance(value, cst.Attribute) and value.attr.value in SCALAR_OUTPUTS)
    if to_list and single:
        return cst.List([cst.Element(value)])
    return None


def _callee(node: cst.BaseExpression, aliases: dict[str, str]) -> Any:
    return sdk.class_of(node, aliases) or sdk.invoke_of(node, aliases)


def _spelling(path: str, aliases: dict[str, str], prefer: str) -> str | None:
    """How the file's imports can name a pulumi_aws path, through the local name `prefer` when possible."""
    spellings = {local: local + path[len(full) :] for local, full in aliases.items() if path == full or path.startswith(full + ".")}
    if prefer in spellings:
        return spellings[prefer]
    return min(spellings.values(), key=len, default=None)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


class _Rewrite(cst.CSTTransformer):
    def __init__(self, target: Any, argument: str, decide: Callable[[cst.Call, cst.Arg], Replacement]) -> None:
        self.targets = sdk.invoke_forms(target) if inspect.isfunction(target) else frozenset({target})
        self.argument = argument
        self.decide = decide
        self.aliases: dict[str, str] = {}
        self.applied: list[Replacement] = []
        self.reshaped = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        arg = keyword(updated_node, self.argument)
        callee = _callee(updated_node.func, self.aliases) if arg is not None else None
        if callee not in self.targets:
            return updated_node
        replacement = self.decide(updated_node, arg)
        self.applied.append(replacement)
        args = list(updated_node.args)
        index = next(i for i, a in enumerate(args) if a is arg)
        if replacement.keyword is None:
            args = _without(args, index)
        elif replacement.filter is not None:
            args = self._as_filter(updated_node, callee, args, index, replacement)
        elif replacement.field is not None:
            args = _into_field(updated_node, args, index, replacement.keyword, replacement.field)
        else:
            changes: dict[str, Any] = {"keyword": cst.Name(replacement.keyword)}
            if replacement.attribute is not None:
                changes["value"] = arg.value.with_changes(attr=cst.Name(replacement.attribute))
            elif replacement.value is not None:
                changes["value"] = cst.parse_expression(replacement.value)
            else:
                value = _reshaped(arg.value, sdk.is_list_input(callee, replacement.keyword), self.aliases)
                if value is not None:
                    changes["value"] = value
                    self.reshaped += 1
            args[index] = arg.with_changes(**changes)
        return updated_node.with_changes(args=args)

    def _filter_item(self, call: cst.Call, callee: Any, name: str, value: cst.BaseExpression, into: str) -> cst.BaseExpression:
        """`XFilterArgs(name=..., values=[value])` when the file's imports can name the Args class, else the dict form."""
        values = _code(value) if isinstance(value, cst.List) else f"[{_code(value)}]"
        args_class = sdk.input_args_class(callee, into)
        head = (dotted_name(call.func) or "").split(".")[0]
        spelled = _spelling(f"{sdk.PACKAGE}.{sdk.public_name(args_class)}", self.aliases, head) if args_class else None
        if spelled is None:
            return cst.parse_expression(f'{{"name": {json.dumps(name)}, "values": {values}}}')
        return cst.parse_expression(f"{spelled}(name={json.dumps(name)}, values={values})")

    def _as_filter(self, call: cst.Call, callee: Any, args: list[cst.Arg], index: int, replacement: Replacement) -> list[cst.Arg]:
        """The argument turned into one more filter of the list input `replacement.keyword`."""
        into = replacement.keyword or ""
        item = cst.Element(self._filter_item(call, callee, replacement.filter or "", args[index].value, into))
        existing = keyword(call, into)
        if existing is None:
            args[index] = args[index].with_changes(keyword=cst.Name(into), value=cst.List([item]))
            return args
        value = existing.value
        if isinstance(value, cst.List):
            merged = value.with_changes(elements=[*value.elements, item])
        else:
            merged = cst.List([cst.StarredElement(value), item])
        where = next(i for i, a in enumerate(args) if a is existing)
        args[where] = existing.with_changes(value=merged)
        return _without(args, index)


def _into_field(call: cst.Call, args: list[cst.Arg], index: int, into: str, field: str) -> list[cst.Arg]:
    """The argument's value as `field` of the object input `into`: a new `{"field": value}`, or one more
    entry of the dict or Args call the call already passes (whose own `field` wins)."""
    value = args[index].value
    existing = keyword(call, into)
    if existing is None:
        entry = cst.DictElement(cst.SimpleString(json.dumps(field)), value)
        args[index] = args[index].with_changes(keyword=cst.Name(into), value=cst.Dict([entry]))
        return args
    current = existing.value
    if isinstance(current, cst.Dict) and field not in {string_value(e.key) for e in current.elements if isinstance(e, cst.DictElement)}:
        merged = current.with_changes(elements=[*current.elements, cst.DictElement(cst.SimpleString(json.dumps(field)), value)])
    elif isinstance(current, cst.Call) and keyword(current, field) is None:
        merged = current.with_changes(args=[*current.args, keyword_arg(field, value)])
    else:
        return _without(args, index)
    where = next(i for i, a in enumerate(args) if a is existing)
    args[where] = existing.with_changes(value=merged)
    return _without(args, index)


class UnknownArgument(Fixer[RejectedArgument]):
    id = "RM001"
    name = "python.unknown-argument"
    title = "Rename or drop a keyword argument the installed pulumi_aws does not accept"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[RejectedArgument] | None:
        if "argument" not in error.details:
            return None
        argument = error.details["argument"]
        if "cls" in error.details:
            target = sdk.class_lacking(ctx.project, error.details["cls"], argument)
        elif "function" in error.details:
            target = sdk.invoke_lacking(ctx.project, error.details["function"], argument)
        else:
            return None
        return None if target is None else Match(error, RejectedArgument(target, argument))

    def fix(self, match: Match[RejectedArgument], ctx: FixContext) -> Fix | Skip:
        target, argument = match.found.target, match.found.argument
        entries = _migrations(target, argument)
        history = _from_history(target, argument)
        renamed = history if history is not None and history.keyword is not None else None
        fallback = history or _from_signature(target, argument)

        def decide(call: cst.Call, arg: cst.Arg) -> Replacement:
            value = _literal_value(arg.value)
            entry = next((e for e in entries if _applies(e, value)), None)
            chosen = _from_table(entry) if entry else fallback
            if renamed is not None and not _refines(chosen, renamed):
                chosen = renamed
            if chosen.attribute is not None and not isinstance(arg.value, cst.Attribute):
                chosen = fallback  # only an output read can be pointed at another output
            merges = chosen.filter is not None or chosen.field is not None  # into an input the call may already set
            if chosen.keyword is not None and not merges and keyword(call, chosen.keyword) is not None:
                return Replacement(None, f"The call already sets '{chosen.keyword}', so the unknown '{argument}' was dropped.")
            return chosen

        rewrites: list[_Rewrite] = []

        def transformer() -> _Rewrite:
            rewrites.append(_Rewrite(target, argument, decide))
            return rewrites[-1]

        edits = rewrite_all(ctx.project, transformer)
        applied = [replacement for rewrite in rewrites for replacement in rewrite.applied]
        if not edits:
            return Skip(f"no call of {sdk.public_name(target)} in the project passes {argument}=")
        outcomes = list(dict.fromkeys(r.describe(argument) for r in applied))
        whys = list(dict.fromkeys(r.why for r in applied))
        unsafe = any(r.keyword is None or r.unsafe for r in applied)
        dropped = (argument,) if any(r.keyword is None for r in applied) else ()
        calls = f"{len(applied)} call{'s' if len(applied) != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        reshaped = sum(rewrite.reshaped for rewrite in rewrites)
        if reshaped:
            calls += f"; {reshaped} value{'s' if reshaped != 1 else ''} fitted to the input's list/single shape"
            whys.append(
                "The installed SDK types the renamed input as a list or a single object, so the value was wrapped in or taken out of a one-item list."
            )
        return Fix(
            edits=tuple(edits),
            change=f"{sdk.public_name(target)}: {'; '.join(outcomes)} ({calls})",
            why=" ".join(whys),
            safety=Safety.UNSAFE if unsafe else Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
            dropped=dropped,
        )
