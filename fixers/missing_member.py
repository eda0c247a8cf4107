"""RM010: a name the program takes from pulumi_aws that the installed SDK no longer has.

Majors of pulumi_aws drop the `...V2` twins of resources, rename data sources and never had
some modules programs guess at (`logs`). The replacement is looked up in the installed SDK, not
a hand list: a small table of documented moves first, then the same name without `V2`, then a
close public name of the module, then the same name in exactly one other service module. Every
reference in the project (attribute chains and `from ... import` names) is rewritten at once.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Optional

import libcst as cst
import pulumi

from agent.config import load_data
from agent.errors import DeployError, ErrorKind
from agent import sdk
from agent.cst import dotted_name, rewrite_all
from agent.fixes import Fix, FixContext, Fixer, Match, Safety, Skip

CLOSE_MATCH_CUTOFF = 0.85


@dataclass(frozen=True)
class Replacement:
    module: str
    member: str
    safety: Safety
    why: str

    @property
    def path(self) -> str:
        return f"{self.module}.{self.member}"


def _short(path: str, member: str = "") -> str:
    """How users write it after `aws.`: "s3.BucketV2", "logs"."""
    return (f"{path}.{member}" if member else path).removeprefix(sdk.PACKAGE + ".")


@lru_cache(maxsize=None)
def _module(path: str) -> Optional[ModuleType]:
    """The loaded pulumi_aws module; its lazy loader only fills it on a first attribute access."""
    try:
        module = importlib.import_module(path)
    except ImportError:
        return None
    getattr(module, "__all__", None)
    return module


@lru_cache(maxsize=None)
def _public_names(path: str) -> tuple[str, ...]:
    module = _module(path)
    return tuple(name for name in dir(module) if not name.startswith("_")) if module else ()


def _get(path: str, member: str) -> object:
    module = _module(path)
    return getattr(module, member, None) if module else None


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)}


def _from_table(module: str, member: str) -> Optional[Replacement]:
    for entry in load_data("sdk_renames.json")["renames"]:
        if entry["module"] == module and entry["member"] == member:
            to = entry["to"]
            if _get(to["module"], to["member"]) is None:
                return None
            safety = Safety.UNSAFE if entry.get("safety") == "unsafe" else Safety.SAFE
            return Replacement(to["module"], to["member"], safety, f"{entry['why']} (source: {entry['source']})")
    return None


def _is_resource(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, pulumi.Resource)


def _without_v2(module: str, member: str) -> Optional[Replacement]:
    """`XV2` -> `X` (a resource), `XV2Args` -> the Args class of resource `X`, `XV2RuleArgs` -> `XRuleArgs`."""
    found = re.fullmatch(r"(?P<stem>[A-Z]\w*?)V2(?P<rest>(?:[A-Z]\w*)?)", member)
    if found is None:
        return None
    stem, rest = found["stem"], found["rest"]
    resource = _get(module, stem)
    if rest == "":
        candidates = [stem] if _is_resource(resource) else []
    elif rest == "Args":  # a resource's own Args class is renamed XInitArgs when an input type is called XArgs
        owner = getattr(resource, "__module__", None)
        candidates = [n for n in (stem + "InitArgs", stem + "Args") if getattr(_get(module, n), "__module__", "") == owner]
    else:
        candidates = [stem + rest] if isinstance(_get(module, stem + rest), type) and not _is_resource(_get(module, stem + rest)) else []
    old = _get(module, member)
    for name in candidates:
        if old is None or sdk.parameters(old) == sdk.parameters(_get(module, name)):
            where = f"{_short(module)} in pulumi_aws {sdk.version()}"
            return Replacement(module, name, Safety.SAFE, f"{where} names the V2 class '{name}': the V2 twins were folded into the unsuffixed names.")
    return None


def _close(module: str, member: str) -> tuple[Optional[Replacement], list[str]]:
    """A unique close public name, preferring names keeping every word of the missing one; else the candidates."""
    names = [n for n in _public_names(module) if n != member]
    close = difflib.get_close_matches(member, names, n=5, cutoff=CLOSE_MATCH_CUTOFF)
    keeping = [n for n in close if _words(member) <= _words(n)]
    candidates = keeping or close
    if not candidates and member[:1].isupper():  # `EventInvokeConfig` -> `FunctionEventInvokeConfig`
        candidates = [n for n in names if n.endswith(member) and n[-len(member) - 1].islower()]
    if len(candidates) != 1:
        return None, candidates
    where = f"{_short(module)} in pulumi_aws {sdk.version()}"
    why = f"{where} has no '{member}'; '{candidates[0]}' is the closest name it has. Check the arguments still fit."
    return Replacement(module, candidates[0], Safety.UNSAFE, why), candidates


@lru_cache(maxsize=None)
def _services() -> tuple[str, ...]:
    root = _module(sdk.PACKAGE)
    return tuple(
        f"{sdk.PACKAGE}.{info.name}" for info in pkgutil.iter_modules(root.__path__) if info.ispkg and not info.name.startswith("_")
    )


def _elsewhere(module: str, member: str) -> Optional[Replacement]:
    if module == sdk.PACKAGE:
        return None
    homes = [service for service in _services() if service != module and _get(service, member) is not None]
    if len(homes) != 1:
        return None
    why = f"pulumi_aws {sdk.version()} has '{member}' only in {_short(homes[0])}, not in {_short(module)}. Check it is the same thing."
    return Replacement(homes[0], member, Safety.UNSAFE, why)


def replacement(module: str, member: str) -> tuple[Optional[Replacement], str]:
    """The replacement for `module.member`, or None and why there is none."""
    found = _from_table(module, member) or _without_v2(module, member)
    if found:
        return found, ""
    found, candidates = _close(module, member)
    if found:
        return found, ""
    if candidates:
        return None, f"{_short(module, member)} has several close names ({', '.join(candidates)}); pick one by hand"
    found = _elsewhere(module, member)
    if found:
        return found, ""
    return None, f"pulumi_aws {sdk.version()} has nothing to replace {_short(module, member)} with"


class _Rewrite(cst.CSTTransformer):
    """Points every reference to `old` (a full dotted path) at the replacement."""

    def __init__(self, old: str, new: Replacement) -> None:
        self.old_module, _, self.old_member = old.rpartition(".")
        self.old = old
        self.new = new
        self.aliases: dict[str, str] = {}
        self.changed = 0
        self.unresolved = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def _full(self, node: cst.BaseExpression) -> Optional[str]:
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        full = self.aliases.get(head)
        return None if full is None else f"{full}.{rest}" if rest else full

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if self._full(original_node) != self.old:
            return updated_node
        if self.new.module == self.old_module:
            self.changed += 1
            return updated_node.with_changes(attr=cst.Name(self.new.member))
        head = dotted_name(original_node).split(".")[0]
        base = self.aliases[head]
        if not (self.new.path + ".").startswith(base + "."):
            self.unresolved += 1
            return updated_node
        self.changed += 1
        return cst.parse_expression(head + self.new.path[len(base) :])

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if original_node.relative or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if original_node.module is None or dotted_name(original_node.module) != self.old_module:
            return updated_node
        names = list(updated_node.names)
        hits = [i for i, alias in enumerate(names) if dotted_name(alias.name) == self.old_member]
        if not hits:
            return updated_node
        if self.new.module != self.old_module and len(names) > 1:
            self.unresolved += 1
            return updated_node
        for i in hits:  # keep the local name, so the uses need no change
            alias = names[i]
            asname = alias.asname or cst.AsName(name=cst.Name(self.old_member))
            names[i] = alias.with_changes(name=cst.Name(self.new.member), asname=asname)
            self.changed += 1
        changes: dict[str, object] = {"names": names}
        if self.new.module != self.old_module:
            changes["module"] = cst.parse_expression(self.new.module)
        return updated_node.with_changes(**changes)


class MissingMember(Fixer):
    id = "RM010"
    name = "python.missing-sdk-member"
    title = "Point a name the installed pulumi_aws no longer has at its replacement"
    kinds = frozenset({ErrorKind.MISSING_SDK_MEMBER})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        if error.kind not in self.kinds or not {"module", "member"} <= error.details.keys():
            return None
        module = error.details["module"]
        if module != sdk.PACKAGE and not module.startswith(sdk.PACKAGE + "."):
            return None
        return Match(error, {"module": module, "member": error.details["member"]})

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        module, member = match.data["module"], match.data["member"]
        new, reason = replacement(module, member)
        if new is None:
            return Skip(reason)
        rewrites: list[_Rewrite] = []

        def transformer() -> _Rewrite:
            rewrites.append(_Rewrite(f"{module}.{member}", new))
            return rewrites[-1]

        edits = rewrite_all(ctx.project, transformer)
        if any(r.unresolved for r in rewrites):
            return Skip(f"{_short(module, member)} is imported in a form that cannot point at {_short(new.path)} without restructuring imports")
        if not edits:
            return Skip(f"no reference to {_short(module, member)} in the project")
        count = sum(r.changed for r in rewrites)
        refs = f"{count} reference{'s' if count != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        return Fix(
            edits=tuple(edits),
            change=f"{_short(module, member)} -> {_short(new.path)} ({refs})",
            why=new.why,
            safety=new.safety,
            file=match.error.file,
            line=match.error.line,
        )
