"""RM010: a name the program takes from pulumi_aws that the installed SDK does not have.

Majors of pulumi_aws drop the `...V2` twins of resources, rename data sources and never had some
modules programs guess at (`logs`). The replacement is looked up in the installed SDK: the earlier
majors' names in config/sdk_history.json, a small table of documented moves, the name without
`V2`, a close public name of the module, the same name in another module (`ec2.LoadBalancer`), else
the name sharing most words (agent/core/sdk_index.py; a tie goes to the one whose documentation
shares most), each guess only when it takes the call's
keywords; else the fix is declined with the candidates weighed. Every reference (attribute chains, `from ... import` names) is
rewritten at once. A name only another package has (`secretsmanager.RandomPassword` is
pulumi_random's) moves there when every keyword of its calls carries over.

Before:
    aws.s3.BucketServerSideEncryptionConfigurationV2("sse", bucket=bucket.id, rules=[...])
After:
    aws.s3.BucketServerSideEncryptionConfiguration("sse", bucket=bucket.id, rules=[...])

Safety: safe for a documented move or a V2 twin with the same arguments, unsafe for a close name,
another module or another package: check it is the same thing.
"""

from __future__ import annotations

import difflib
import importlib
import json
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

import libcst as cst
import libcst.matchers as m
import pulumi

from agent.core import sdk, sdk_history, sdk_index
from agent.core.config import load_data
from agent.core.cst import dotted_name, parse, rewrite_all, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

CLOSE_MATCH_CUTOFF = 0.85
NEAREST_MIN_SHARE = 0.5  # share of words a never-existing name must have in common with its nearest real one


@dataclass(frozen=True)
class Replacement:
    module: str
    member: str
    safety: Safety
    why: str
    arguments: dict | None = None  # a move to another package: how its calls' keywords carry over
    family: bool = False  # documented rename: the classes named after it (`XScheduleArgs`) move along

    @property
    def path(self) -> str:
        return f"{self.module}.{self.member}"


def _short(path: str, member: str = "") -> str:
    """How users write it after `aws.`: "s3.BucketV2", "logs"."""
    return (f"{path}.{member}" if member else path).removeprefix(sdk.PACKAGE + ".")


@cache
def _module(path: str) -> ModuleType | None:
    """The loaded pulumi_aws module; its lazy loader only fills it on a first attribute access."""
    try:
        module = importlib.import_module(path)
    except ImportError:
        return None
    getattr(module, "__all__", None)
    return module


@cache
def _public_names(path: str) -> tuple[str, ...]:
    module = _module(path)
    return tuple(name for name in dir(module) if not name.startswith("_")) if module else ()


def _get(path: str, member: str) -> object:
    module = _module(path)
    return getattr(module, member, None) if module else None


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)}


def _from_table(module: str, member: str) -> Replacement | None:
    for entry in load_data("sdk_renames.json")["renames"]:
        if entry["module"] == module and entry["member"] == member:
            to = entry["to"]
            if _get(to["module"], to["member"]) is None:
                return None
            other_package = to["module"].split(".")[0] != sdk.PACKAGE
            safety = Safety.UNSAFE if entry.get("safety") == "unsafe" or other_package else Safety.SAFE
            why = f"{entry['why']} (source: {entry['source']})"
            arguments = entry.get("arguments", {}) if other_package else None
            return Replacement(to["module"], to["member"], safety, why, arguments, family=True)
    return None


def _family(module: str, member: str, new: Replacement) -> dict[str, Replacement]:
    """`BucketInventory` -> `Inventory` also takes `BucketInventoryScheduleArgs` -> `InventoryScheduleArgs`."""
    renames = {f"{module}.{member}": new}
    if not (new.family and member[:1].isupper()):
        return renames
    for name in _public_names(new.module):
        rest = name[len(new.member) :]
        if name.startswith(new.member) and rest[:1].isupper() and _get(module, member + rest) is None:
            renames[f"{module}.{member}{rest}"] = Replacement(new.module, name, new.safety, new.why)
    return renames


def _is_resource(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, pulumi.Resource)


def _without_v2(module: str, member: str) -> Replacement | None:
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
            return Replacement(
                module, name, Safety.SAFE, f"{where} names the V2 class '{name}': the V2 twins were folded into the unsuffixed names."
            )
    return None


def _one_keystroke_apart(a: str, b: str) -> bool:
    """Whether one letter added, dropped, changed or swapped with its neighbour turns `a` into `b`."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) != len(b):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[i + 1 :] == shorter[i:]
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


def _close(module: str, member: str) -> tuple[Replacement | None, list[str]]:
    """A unique close public name, preferring names keeping every word of the missing one; else the candidates."""
    names = [n for n in _public_names(module) if n != member and not (n.endswith("ArgsDict") and member.endswith("Args"))]
    close = difflib.get_close_matches(member, names, n=5, cutoff=CLOSE_MATCH_CUTOFF)
    keeping = [n for n in close if _words(member) <= _words(n)]
    candidates = keeping or close
    typos = [n for n in candidates if _one_keystroke_apart(member, n)]
    if len(candidates) > 1 and len(typos) == 1:  # `get_resgion`: get_region, not get_regions
        candidates = typos
    if not candidates and member[:1].isupper():  # `EventInvokeConfig` -> `FunctionEventInvokeConfig`
        candidates = [n for n in names if n.endswith(member) and n[-len(member) - 1].islower()]
    if len(candidates) != 1:
        return None, candidates
    where = f"{_short(module)} in pulumi_aws {sdk.version()}"
    why = f"{where} has no '{member}'; '{candidates[0]}' is the closest name it has. Check the arguments still fit."
    return Replacement(module, candidates[0], Safety.UNSAFE, why), candidates


def _from_history(module: str, member: str) -> Replacement | None:
    """The installed name of a class or data source an earlier major had (config/sdk_history.json)."""
    change = sdk_history.member(module, member)
    if change is None:
        return None
    to = (change.target_module, change.new) if change.new else change.replacement
    if to is None or _get(*to) is None:
        return None
    moved = change.new is None or change.new_module is not None
    safety = Safety.UNSAFE if moved and not change.evidence.startswith(change.new or "\0") else Safety.SAFE
    return Replacement(
        to[0], to[1], safety, f"{change.describe()}; pulumi_aws {sdk.version()} has {_short(*to)}.", family=change.new is not None
    )


def _kind_of(member: str) -> str:
    """What kind of SDK name `member` reads as, for comparing it with others of its kind."""
    if member.startswith("get_"):
        return "function"
    return "args" if member.endswith("Args") else "resource" if member[:1].isupper() else "module"


def _accepted(module: str, member: str) -> set[str] | None:
    """The keywords the class or invoke `module.member` takes; None for a name without a signature."""
    try:
        return set(sdk.parameters(_get(module, member))) | {"resource_name", "opts"}
    except (TypeError, ValueError):
        return None


def _accepting(candidates: list[sdk_index.Name], keywords: frozenset[str]) -> list[sdk_index.Name]:
    """The candidates whose class or invoke takes every keyword the program passes to the missing name."""
    return [c for c in candidates if (accepted := _accepted(c.module, c.name)) is not None and keywords <= accepted]


def _same_name_elsewhere(module: str, member: str, keywords: frozenset[str]) -> tuple[Replacement | None, list[str]]:
    """The same name in another module (`ec2.LoadBalancer` -> `lb.LoadBalancer`), when it takes the
    program's keywords and no other module's does; else the modules weighed."""
    homes = [n for n in sdk_index.named(member) if n.module != module]
    fitting = _accepting(homes, keywords) if keywords or len(homes) > 1 else homes
    if len(fitting) != 1:
        return None, [_short(h.path) for h in homes]
    rest = f" (of {', '.join(_short(h.path) for h in homes)}, the only one taking the call's arguments)" if len(homes) > 1 else ""
    why = f"pulumi_aws {sdk.version()} has no '{member}' in {_short(module)}; it has one in {_short(fitting[0].module)}{rest}. Check it is the same thing."
    return Replacement(fitting[0].module, member, Safety.UNSAFE, why), []


def _nearest(module: str, member: str, keywords: frozenset[str]) -> tuple[Replacement | None, list[str]]:
    """The nearest name by words, when it takes the program's keywords and no other candidate does;
    else the candidates weighed."""
    kind = _kind_of(member)
    if kind == "module":
        return None, []
    scored = sdk_index.nearest(member, kind=kind)
    best = [n for score, n in scored if score == scored[0][0] and score >= NEAREST_MIN_SHARE] if scored else []
    fitting = _accepting(best, keywords) if best else []
    described = sdk_index.best_described(member, fitting) if len(fitting) > 1 else fitting
    weighed = [f"{_short(n.path)} ({score:.2f})" for score, n in scored]
    if len(described) == 1:
        docs = " and its documentation" if described != fitting else ""
        fitting = described
        why = (
            f"pulumi_aws {sdk.version()} has no '{member}' in {_short(module)} nor anywhere else; {_short(fitting[0].path)} shares the most words with it{docs}"
            f" (weighed: {', '.join(weighed)}) and takes the call's arguments. Check it is the thing meant."
        )
        return Replacement(fitting[0].module, fitting[0].name, Safety.UNSAFE, why), []
    return None, weighed


def replacement(
    module: str, member: str, keywords: frozenset[str] = frozenset(), places: frozenset[type] = frozenset()
) -> tuple[Replacement | None, str]:
    """The replacement for `module.member`, or None and why there is none; `keywords` are those the
    program passes to it, which a guessed candidate must accept; `places` the Args classes the inputs
    it is given to take."""
    found = _from_history(module, member) or _from_table(module, member) or _without_v2(module, member)
    found = found or _taken_by_its_place(module, member, keywords, places)
    if found:
        return found, ""
    found, homes = _same_name_elsewhere(module, member, keywords)
    if found:
        return found, ""
    found, candidates = _close(module, member)
    if found and not _takes(found, keywords):
        return None, f"{_short(found.path)}, the closest name, does not take the call's arguments ({', '.join(sorted(keywords))})"
    if found:
        return found, ""
    if candidates:
        return None, f"{_short(module, member)} has several close names ({', '.join(candidates)}); pick one by hand"
    if homes:
        return (
            None,
            f"pulumi_aws {sdk.version()} has no {_short(module, member)}; modules with that name, none clearly meant: {', '.join(homes)}",
        )
    found, weighed = _nearest(module, member, keywords)
    if found:
        return found, ""
    if weighed:
        return (
            None,
            f"pulumi_aws {sdk.version()} has no {_short(module, member)}; candidates weighed, none clearly meant: {', '.join(weighed)}",
        )
    return None, f"pulumi_aws {sdk.version()} has nothing to replace {_short(module, member)} with"


def _carry_over(keyword: str, value: cst.BaseExpression, target: type, rules: dict) -> cst.Arg | str:
    """The keyword argument as the other package's class takes it, or why it cannot be carried over."""
    if keyword in ("resource_name", "opts") or keyword in sdk.parameters(target):
        return cst.Arg(keyword=cst.Name(keyword), value=value)
    rule = rules.get(keyword)
    if rule is None:
        return f"{keyword}= has no counterpart"
    if "negate" in rule:
        if not (isinstance(value, cst.Name) and value.value in ("True", "False")):
            return f"{keyword}= is not a literal True/False"
        value = cst.Name("False" if value.value == "True" else "True")
    elif "complement_of" in rule:
        literal = string_value(value)
        if literal is None or any(c.isalnum() for c in literal):
            return f"{keyword}= is not a literal of punctuation only"
        value = cst.SimpleString(json.dumps("".join(c for c in rule["complement_of"] if c not in literal)))
    return cst.Arg(keyword=cst.Name(rule["to"]), value=value)


class _Rewrite(cst.CSTTransformer):
    """Points every reference to an old full dotted path at its replacement."""

    def __init__(self, renames: dict[str, Replacement]) -> None:
        self.renames = renames
        self.aliases: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.changed = 0
        self.unresolved = 0
        self.problems: list[str] = []  # keywords a call to another package's class cannot keep
        self.new_imports: dict[str, str] = {}  # package -> local name to import it as

    def visit_Module(self, node: cst.Module) -> None:
        self.names = sdk.imported_names(node)
        self.aliases = {local: full for local, full in self.names.items() if full.split(".")[0] == sdk.PACKAGE}

    def _full(self, node: cst.BaseExpression) -> str | None:
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        full = self.aliases.get(head)
        return None if full is None else f"{full}.{rest}" if rest else full

    def _local(self, package: str) -> str:
        """The file's name for another package, importing it as its short name when that is free."""
        bound = [local for local, full in self.names.items() if full == package]
        if bound:
            return bound[0]
        short = package.removeprefix("pulumi_")
        local = short if short not in self.names else package
        self.new_imports[package] = local
        return local

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        new = self.renames.get(self._full(original_node) or "")
        if new is None:
            return updated_node
        old_module = self._full(original_node).rpartition(".")[0]
        if new.module == old_module:
            self.changed += 1
            return updated_node.with_changes(attr=cst.Name(new.member))
        if new.arguments is not None:
            package, _, rest = new.module.partition(".")
            self.changed += 1
            return cst.parse_expression(".".join(filter(None, [self._local(package), rest, new.member])))
        head = dotted_name(original_node).split(".")[0]
        base = self.aliases[head]
        if not (new.path + ".").startswith(base + "."):
            self.unresolved += 1
            return updated_node
        self.changed += 1
        return cst.parse_expression(head + new.path[len(base) :])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        new = self.renames.get(self._full(original_node.func) or "")
        if new is None or new.arguments is None:
            return updated_node
        target = _get(new.module, new.member)
        args = []
        for arg in updated_node.args:
            carried = arg if arg.keyword is None else _carry_over(arg.keyword.value, arg.value, target, new.arguments)
            if isinstance(carried, str):
                self.problems.append(carried)
                carried = arg
            if carried.keyword and any(a.keyword and a.keyword.value == carried.keyword.value for a in args):
                self.problems.append(f"{carried.keyword.value}= would be set twice")
            args.append(arg.with_changes(keyword=carried.keyword, value=carried.value))
        return updated_node.with_changes(args=args)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if original_node.relative or isinstance(updated_node.names, cst.ImportStar) or original_node.module is None:
            return updated_node
        module = dotted_name(original_node.module)
        names = list(updated_node.names)
        hits = [
            (i, self.renames[f"{module}.{dotted_name(a.name)}"])
            for i, a in enumerate(names)
            if f"{module}.{dotted_name(a.name)}" in self.renames
        ]
        if not hits:
            return updated_node
        modules = {new.module for _, new in hits}
        if modules != {module} and (len(names) > 1 or len(modules) > 1):
            self.unresolved += 1
            return updated_node
        for i, new in hits:  # keep the local name, so the uses need no change
            alias = names[i]
            old = dotted_name(alias.name)
            asname = alias.asname or (cst.AsName(name=cst.Name(old)) if old != new.member else None)
            names[i] = alias.with_changes(name=cst.Name(new.member), asname=asname)
            self.changed += 1
        return updated_node.with_changes(names=names, module=cst.parse_expression(modules.pop()))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.new_imports:
            return updated_node
        lines = [
            cst.parse_statement(f"import {package}" if local == package else f"import {package} as {local}")
            for package, local in self.new_imports.items()
        ]
        body = list(updated_node.body)
        imports = [i for i, stmt in enumerate(body) if m.matches(stmt, m.SimpleStatementLine(body=[m.Import() | m.ImportFrom()]))]
        at = imports[-1] + 1 if imports else 0
        return updated_node.with_changes(body=body[:at] + lines + body[at:])


class _Uses(cst.CSTVisitor):
    """How the module's calls of one full dotted path are used: the keywords they pass, and the Args
    class each place takes where a call is the value (or an item of the value) of another call's input."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.aliases: dict[str, str] = {}
        self.keywords: set[str] = set()
        self.expected: set[type] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def _is_ours(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Call) and sdk.full_path(node.func, self.aliases) == self.path

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_ours(node):
            self.keywords |= {arg.keyword.value for arg in node.args if arg.keyword is not None}
            return
        for arg in node.args:
            value = arg.value
            items = [element.value for element in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
            if arg.keyword is None or not any(self._is_ours(item) for item in items):
                continue
            owner = sdk.class_of(node.func, self.aliases) or sdk.invoke_of(node.func, self.aliases)
            expected = sdk.input_args_class(owner, arg.keyword.value) if owner is not None else None
            if expected is not None:
                self.expected.add(expected)


def _uses(project, module: str, member: str) -> _Uses:
    visitor = _Uses(f"{module}.{member}")
    for path in project.python_files():
        text = project.read(path)
        tree = parse(text) if member in text else None
        if tree is not None:
            tree.visit(visitor)
    return visitor


def _takes(candidate: Replacement, keywords: frozenset[str]) -> bool:
    """Whether the candidate's class or invoke takes every keyword the program passes (a name without
    a signature, a module, has nothing to compare)."""
    accepted = _accepted(candidate.module, candidate.member)
    return accepted is None or keywords <= accepted


def _taken_by_its_place(module: str, member: str, keywords: frozenset[str], places: frozenset[type]) -> Replacement | None:
    """The Args class every input the missing name is given to takes, when the call's keywords fit it:
    `TableGlobalSecondaryIndexAttributeArgs(...)` in a Table's `attributes=` is a TableAttributeArgs."""
    if len(places) != 1:
        return None
    [expected] = places
    if not keywords <= set(sdk.parameters(expected)):
        return None
    home = sdk.public_name(expected)
    why = (
        f"pulumi_aws {sdk.version()} has no {_short(module, member)}; the input it is given to takes {home}, "
        "and the call's arguments fit it."
    )
    return Replacement(f"{sdk.PACKAGE}.{home.rpartition('.')[0]}".rstrip("."), expected.__name__, Safety.SAFE, why)


def _requirement(project, package: str) -> list[Edit]:
    """A requirements.txt line for another package the program now imports."""
    path = project.root / "requirements.txt"
    if package == sdk.PACKAGE or not path.exists():
        return []
    text = path.read_text()
    name = package.replace("_", "-")
    if any(re.match(rf"{re.escape(name)}\b|{re.escape(package)}\b", line.strip(), re.I) for line in text.splitlines()):
        return []
    edit = edit_file(project, "requirements.txt", text + ("" if text.endswith("\n") or not text else "\n") + name + "\n")
    return [edit] if edit else []


@dataclass(frozen=True)
class MissingName:
    module: str  # pulumi_aws.s3
    member: str  # BucketV2


class MissingMember(Fixer[MissingName]):
    id = "RM010"
    name = "python.missing-sdk-member"
    title = "Point a name the installed pulumi_aws no longer has at its replacement"
    kinds = frozenset({ErrorKind.MISSING_SDK_MEMBER})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingName] | None:
        if error.kind not in self.kinds or not {"module", "member"} <= error.details.keys():
            return None
        module = error.details["module"]
        if module != sdk.PACKAGE and not module.startswith(sdk.PACKAGE + "."):
            return None
        return Match(error, MissingName(module, error.details["member"]))

    def fix(self, match: Match[MissingName], ctx: FixContext) -> Fix | Skip:
        module, member = match.found.module, match.found.member
        uses = _uses(ctx.project, module, member)
        new, reason = replacement(module, member, frozenset(uses.keywords), frozenset(uses.expected))
        if new is None:
            return Skip(reason)
        renames = _family(module, member, new)
        rewrites: list[_Rewrite] = []

        def transformer() -> _Rewrite:
            rewrites.append(_Rewrite(renames))
            return rewrites[-1]

        edits = rewrite_all(ctx.project, transformer)
        if any(r.unresolved for r in rewrites):
            return Skip(
                f"{_short(module, member)} is imported in a form that cannot point at {_short(new.path)} without restructuring imports"
            )
        problems = list(dict.fromkeys(p for r in rewrites for p in r.problems))
        if problems:
            return Skip(f"{_short(new.path)} cannot take the arguments of {_short(module, member)}: {'; '.join(problems)}")
        if not edits:
            return Skip(f"no reference to {_short(module, member)} in the project")
        edits += _requirement(ctx.project, new.module.split(".")[0])
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
