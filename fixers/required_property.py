"""RM014: a pulumi_aws resource or Args call without an input the SDK requires.

pulumi_aws raises "Missing required property 'rest_api'" (resources) or "...Args.__init__()
missing 1 required keyword-only argument" (Args classes). The value is filled in only when the
project makes it evident; otherwise the fixer skips, naming what is missing, and a human decides:
  - the call passes the input under another spelling the SDK does not accept: `rest_api_id=`
    for `rest_api=`, `rule=` for a list `rules=` (wrapped in a list), wrapped in an Args object
    of an older SDK (`server_side_encryption_configuration=...Args(rules=[...])` -> `rules=[...]`),
    or flattened out of the one required input whose Args type takes it
    (`BucketVersioningV2(status=...)` -> `versioning_configuration={"status": ...}`).
    These arrive as "unexpected keyword argument" errors; claimed before RM001 would drop them.
  - exactly one resource of the class the input names (`rest_api` -> apigateway.RestApi) is
    assigned in the call's function (or module): `rest_api=<it>.id` (`.arn`/`.name` per the input).
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from agent.core.errors import DeployError, ErrorKind
from agent.core import sdk
from agent.core.cst import dotted_name, keyword, keyword_arg, parse, parsed_or_skip, with_keyword_added
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

_REFERENCE_SUFFIXES = {"_id": "id", "_arn": "arn", "_name": "name"}
_NO_SPACE = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _args_class(cls: type) -> Optional[type]:
    """Where the SDK declares a class's inputs with their defaults: `<Resource>Args`, or the Args class itself."""
    if not issubclass(cls, _pulumi_resource()):
        return cls
    return getattr(importlib.import_module(cls.__module__), f"{cls.__name__}Args", None)


@lru_cache(maxsize=1)
def _pulumi_resource() -> type:
    import pulumi

    return pulumi.Resource


@lru_cache(maxsize=None)
def _required_params(cls: type) -> dict[str, inspect.Parameter]:
    args = _args_class(cls)
    try:
        params = inspect.signature(args.__init__).parameters.values() if args is not None else []
    except (TypeError, ValueError):
        return {}
    return {p.name: p for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty}


@lru_cache(maxsize=None)
def required(cls: type) -> dict[str, str]:
    """Required inputs of a resource or Args class -> what the SDK's docs say of each."""
    doc = inspect.getdoc(_args_class(cls).__init__) or "" if _required_params(cls) else ""
    found = {}
    for name in _required_params(cls):
        described = re.search(rf":param [^:\n]* {name}: (.*)", doc)
        found[name] = described.group(1).strip() if described else ""
    return found


def _is_sequence(cls: type, name: str) -> bool:
    param = _required_params(cls).get(name)
    return param is not None and "Sequence[" in str(param.annotation)


def _stands_for(argument: str, cls: type) -> Optional[str]:
    """The required input an unaccepted keyword spells differently: rest_api_id -> rest_api, rule -> rules."""
    for name in required(cls):
        if argument in (name + "_id", name + "_arn", name + "_name") or (argument + "s" == name and _is_sequence(cls, name)):
            return name
    return None


def _unwrapped(value: cst.BaseExpression, name: str, aliases: dict[str, str]) -> Optional[cst.BaseExpression]:
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


def _reference(name: str, cls: type) -> Optional[tuple[str, str]]:
    """The resource class an input names and the attribute to pass: rest_api -> (RestApi, id)."""
    stem, attribute = name, None
    for suffix, attr in _REFERENCE_SUFFIXES.items():
        if name.endswith(suffix):
            stem, attribute = name[: -len(suffix)], attr
    if attribute is None:  # `rest_api`: the docs say whether the SDK wants its ID or its ARN
        text = required(cls).get(name, "")
        attribute = "arn" if re.search(r"\bARN\b", text) else "id" if re.search(r"\bID\b", text) else None
    if attribute is None:
        return None
    return "".join(part.capitalize() for part in stem.split("_")), attribute


@dataclass
class _Site:
    call: cst.Call
    start: int
    end: int
    scope: Optional[cst.CSTNode]  # the enclosing function, None at module level


class _Collect(cst.CSTVisitor):
    """SDK calls with their lines and scopes, and the resources assigned to a name per scope."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.scopes: list[Optional[cst.CSTNode]] = [None]
        self.sites: list[_Site] = []
        self.assigned: dict[Optional[cst.CSTNode], list[tuple[str, type]]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if sdk.class_of(node.func, self.aliases) is not None:
            pos = self.get_metadata(PositionProvider, node)
            self.sites.append(_Site(node, pos.start.line, pos.end.line, self.scopes[-1]))

    def visit_Assign(self, node: cst.Assign) -> None:
        cls = sdk.class_of(node.value.func, self.aliases) if isinstance(node.value, cst.Call) else None
        if cls is None or len(node.targets) != 1:
            return
        target = cst.Module([]).code_for_node(node.targets[0].target)
        self.assigned.setdefault(self.scopes[-1], []).append((target, cls))


class _Replace(cst.CSTTransformer):
    def __init__(self, new_args: dict[int, list[cst.Arg]]) -> None:
        self.new_args = new_args  # id(original call) -> its arguments

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = self.new_args.get(id(original_node))
        return updated_node if args is None else updated_node.with_changes(args=args)


def _lacks(call: cst.Call, name: str) -> bool:
    return keyword(call, name) is None and not any(a.star for a in call.args)


def _nesting(cls: type, argument: str, missing: list[str]) -> Optional[str]:
    """The one missing required input whose Args type takes `argument`: BucketVersioningV2's
    `status=` belongs in `versioning_configuration`."""
    owners = [m for m in missing if (inner := sdk.input_args_class(cls, m)) is not None and argument in sdk.parameters(inner)]
    return owners[0] if len(owners) == 1 else None


def _nested(argument: str, value: cst.BaseExpression, as_list: bool) -> cst.BaseExpression:
    """`{"argument": value}` (in a list when the input takes a list): the dict form every Args input accepts."""
    entry = cst.Dict([cst.DictElement(cst.SimpleString(f'"{argument}"'), value)])
    return cst.List([cst.Element(entry)]) if as_list else entry


def _respell(aliases: dict[str, str], sites: list[_Site], cls: type, argument: str, changed: list[str]) -> dict[int, list[cst.Arg]]:
    """New arguments of the calls of `cls` that pass a required input they lack as `argument=`."""
    new_args = {}
    for site in sites:
        given = keyword(site.call, argument)
        if given is None or sdk.class_of(site.call.func, aliases) is not cls:
            continue
        missing = [name for name in required(cls) if _lacks(site.call, name)]
        name, value = _stands_for(argument, cls), given.value
        if name is None or name not in missing:
            name = next((m for m in missing if _unwrapped(given.value, m, aliases) is not None), None)
            if name is not None:
                value = _without_segment(_unwrapped(given.value, name, aliases), given.value, cls)
            elif (name := _nesting(cls, argument, missing)) is not None:
                value = _nested(argument, given.value, bool(sdk.is_list_input(cls, name)))
            else:
                continue
        elif _is_sequence(cls, name) and not isinstance(value, (cst.List, cst.Tuple, cst.ListComp)):
            value = cst.List([cst.Element(value)])
        new = given.with_changes(keyword=cst.Name(name), value=value)
        new_args[id(site.call)] = [new if a is given else a for a in site.call.args]
        changed.append(f"{argument}= -> {name}=")
    return new_args


def _edit_all(ctx: FixContext, rewrite, spelled: str) -> list:
    """Apply `rewrite(aliases, sites) -> {id(call): new arguments}` to every Python file of the
    project that spells `spelled` (the others hold no call the rewrite could change)."""
    edits = []
    for path in ctx.project.python_files():
        text = ctx.project.read(path)
        module = parse(text) if spelled in text else None
        aliases = sdk.import_aliases(module) if module is not None else {}
        if not aliases:
            continue
        collect = _Collect(aliases)
        MetadataWrapper(module, unsafe_skip_copy=True).visit(collect)
        new_args = rewrite(aliases, collect.sites)
        edit = edit_file(ctx.project, path, module.visit(_Replace(new_args)).code) if new_args else None
        if edit is not None:
            edits.append(edit)
    return edits


class RequiredProperty(Fixer):
    id = "RM014"
    name = "python.required-property"
    title = "Give a pulumi_aws call the input it requires when the project makes the value evident"
    kinds = frozenset({ErrorKind.MISSING_PROPERTY, ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    runs_before = frozenset({"RM001", "RM018"})  # RM001 would drop a respelled required input; RM018 guesses where RM014 knows

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        if error.kind is ErrorKind.UNKNOWN_ARGUMENT:
            if not {"cls", "argument"} <= error.details.keys():
                return None
            cls = sdk.class_lacking(ctx.project, error.details["cls"], error.details["argument"])
            if cls is None or not required(cls):
                return None
            changed: list[str] = []
            argument = error.details["argument"]
            edits = _edit_all(ctx, lambda aliases, sites: _respell(aliases, sites, cls, argument, changed), argument)
            # claimed before RM001, which would drop the keyword and its value with it
            return Match(error, {"cls": cls, "edits": edits, "changed": changed}) if edits else None
        if error.kind is ErrorKind.MISSING_PROPERTY and error.file and error.line and "property" in error.details:
            return Match(error, {"property": error.details["property"], "cls_name": error.details.get("cls")})
        return None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        if "edits" in match.found:
            return self._respelled(match, ctx)
        return self._from_sibling(match, ctx)

    def _respelled(self, match: Match, ctx: FixContext) -> Fix | Skip:
        cls, edits, changed = match.found["cls"], match.found["edits"], match.found["changed"]
        return Fix(
            edits=tuple(edits),
            change=f"{sdk.public_name(cls)}: {', '.join(sorted(set(changed)))} ({len(changed)} call{'s' if len(changed) != 1 else ''})",
            why=f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()} requires this input under that name; the call gave its value under a spelling it rejects.",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )

    def _from_sibling(self, match: Match, ctx: FixContext) -> Fix | Skip:
        name, path, line = match.found["property"], match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        aliases = sdk.import_aliases(module)
        collect = _Collect(aliases)
        MetadataWrapper(module, unsafe_skip_copy=True).visit(collect)
        located = [
            s for s in collect.sites
            if s.start <= line <= s.end and name in required(sdk.class_of(s.call.func, aliases)) and _lacks(s.call, name)
            and (match.found["cls_name"] in (None, sdk.class_of(s.call.func, aliases).__name__))
        ]
        if not located:
            return Skip(f"no pulumi_aws call lacking {name}= at {path}:{line}")
        site = min(located, key=lambda s: s.end - s.start)  # the innermost call on the line
        cls = sdk.class_of(site.call.func, aliases)
        said = required(cls)[name].split(". ")[0][:100]
        missing = f"{sdk.public_name(cls)} at {path}:{line} requires {name}=" + (f" ({said})" if said else "")
        reference = _reference(name, cls)
        if reference is None:
            return Skip(f"{missing}; the project does not make its value evident: add it")
        wanted, attribute = reference

        def sibling(scope: Optional[cst.CSTNode]) -> Optional[str]:
            for where in dict.fromkeys([scope, None]):
                named = [t for t, c in collect.assigned.get(where, []) if c.__name__ == wanted and c.__module__.rsplit(".", 1)[0] == cls.__module__.rsplit(".", 1)[0]]
                if named:
                    return named[0] if len(named) == 1 else None
            return None

        new_args: dict[int, list[cst.Arg]] = {}
        for s in collect.sites:
            other = sdk.class_of(s.call.func, aliases)
            target = sibling(s.scope)
            if name in required(other) and _lacks(s.call, name) and target and _reference(name, other) == reference:
                arg = keyword_arg(name, cst.parse_expression(f"{target}.{attribute}"))
                new_args[id(s.call)] = with_keyword_added(s.call.args, arg)
        if id(site.call) not in new_args:
            return Skip(f"{missing}; no single {wanted} is created next to it to take it from: add it")
        edit = edit_file(ctx.project, path, module.visit(_Replace(new_args)).code)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        count = len(new_args)
        return Fix(
            edits=(edit,),
            change=f"{name}=<the {wanted}>.{attribute} added ({count} call{'s' if count != 1 else ''} in {path})",
            why=f"{sdk.public_name(cls)} requires {name}=; exactly one {wanted} is created in the same scope, so it is the one meant.",
            safety=Safety.SAFE,
            file=path,
            line=line,
        )
