"""libcst helpers shared by fixers: names of calls, rewriting a file, locating nodes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider, ScopeProvider

from agent.core.fixes import Edit, Skip, edit_file
from agent.core.project import Project


def dotted_name(node: cst.BaseExpression) -> str | None:
    """`aws.rds.Cluster` for the expression naming it; None for anything not a plain dotted name."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


@lru_cache(maxsize=128)
def metadata(module: cst.Module) -> MetadataWrapper:
    """One wrapper per parsed module, so positions, scopes and parents are computed once for every
    visitor that needs them. Cached by the module, which libcst hashes by identity and `parse`
    caches by text; the wrapper does not copy it, so its nodes are those `parse` returned."""
    return MetadataWrapper(module, unsafe_skip_copy=True)


@lru_cache(maxsize=128)
def parse(text: str) -> cst.Module | None:
    """The module for a source text, None when it does not parse. Cached by text: libcst trees are
    immutable, and fixers read the same unchanged files again and again within a run."""
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError:
        return None


def parsed_or_skip(project: Project, path: str) -> cst.Module | Skip:
    """A project file's module, or the Skip a fixer returns for a file it cannot read as Python."""
    module = parse(project.read(path)) if (project.root / path).is_file() else None
    return module if module is not None else Skip(f"{path} is missing or does not parse")


def rewrite(project: Project, path: str, transformer: cst.CSTTransformer) -> Edit | None:
    """Apply a transformer to one project file; the Edit, or None if the file is unchanged or unparsable."""
    module = parse(project.read(path))
    if module is None:
        return None
    return edit_file(project, path, module.visit(transformer).code)


def rewrite_all(project: Project, make_transformer) -> list[Edit]:
    """Apply a fresh transformer to every Python file of the project; the files it changed."""
    edits = []
    for path in project.python_files():
        edit = rewrite(project, path, make_transformer())
        if edit is not None:
            edits.append(edit)
    return edits


def nodes_with_lines(module: cst.Module, node_type: type | tuple[type, ...]) -> Iterator[tuple[cst.CSTNode, int, int]]:
    """Every node of a type (or of one of several) with its first and last line."""
    wrapper = metadata(module)
    positions = wrapper.resolve(PositionProvider)
    for node, pos in positions.items():
        if isinstance(node, node_type):
            yield node, pos.start.line, pos.end.line


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal (not an f-string), else None."""
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value if isinstance(node.evaluated_value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def with_string_value(node: cst.SimpleString, value: str) -> cst.SimpleString:
    """The same literal (same quotes and prefix) holding another value."""
    quote = node.quote
    escaped = value.replace("\\", "\\\\").replace(quote[0], "\\" + quote[0]) if len(quote) == 1 else value
    return node.with_changes(value=f"{node.prefix}{quote}{escaped}{quote}")


def with_keyword_added(args: Sequence[cst.Arg], arg: cst.Arg, opening: cst.BaseParenthesizableWhitespace | None = None) -> list[cst.Arg]:
    """`arg` after the last keyword before `opts=` (or at the end), laid out like its neighbours;
    `opening`, the call's whitespace before its first argument, lays out a call with one argument
    per line whose only comma is the one before its closing parenthesis."""
    args = list(args)
    index = next((i for i, a in enumerate(args) if a.keyword is not None and a.keyword.value == "opts"), len(args))
    comma = next((a.comma for a in args if isinstance(a.comma, cst.Comma)), cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    if (
        len(args) == 1
        and isinstance(opening, cst.ParenthesizedWhitespace)
        and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace)
    ):
        comma = comma.with_changes(whitespace_after=opening)
    if not args:
        return [arg]
    if index == len(args):
        last = args[-1]
        return [*args[:-1], last.with_changes(comma=comma), arg.with_changes(comma=last.comma)]
    return [*args[:index], arg.with_changes(comma=comma), *args[index:]]


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """`name=value`, spaced as PEP 8 spaces keyword arguments."""
    tight = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    return cst.Arg(value, keyword=cst.Name(name), equal=tight)


class KeywordAdded(cst.CSTTransformer):
    """Add one keyword argument to one call of a module (found by identity), laid out like its neighbours."""

    def __init__(self, call: cst.Call, arg: cst.Arg) -> None:
        self.call, self.arg = call, arg

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if original_node is not self.call:
            return updated_node
        return updated_node.with_changes(args=with_keyword_added(updated_node.args, self.arg, updated_node.whitespace_before_args))


@dataclass(frozen=True)
class Use:
    """One read of a name nothing binds."""

    attribute: str | None  # `json.dumps` reads "dumps"; None for a bare use
    called: bool  # `datetime(...)`
    line: int


@lru_cache(maxsize=64)
def unbound_uses(text: str) -> dict[str, tuple[Use, ...]]:
    """{name: its reads} for each name a source text uses where no scope binds it and the module
    does not bind it either (a NameError when the line runs). Empty for text that does not parse or
    that star-imports (anything may be bound then). Cached by text, as parse is."""
    module = parse(text)
    if module is None or "import *" in text:
        return {}
    wrapper = metadata(module)
    scopes, parents = wrapper.resolve(ScopeProvider), wrapper.resolve(ParentNodeProvider)
    positions = wrapper.resolve(PositionProvider)
    module_scope = scopes[wrapper.module]
    uses: dict[str, list[Use]] = defaultdict(list)
    for scope in {s for s in scopes.values() if s is not None}:
        for access in scope.accesses:
            node = access.node
            if access.referents or not isinstance(node, cst.Name) or module_scope.assignments[node.value]:
                continue
            parent = parents[node]
            attribute = parent.attr.value if isinstance(parent, cst.Attribute) and parent.value is node else None
            called = isinstance(parent, cst.Call) and parent.func is node
            uses[node.value].append(Use(attribute, called, positions[node].start.line))
    return {name: tuple(sorted(found, key=lambda use: use.line)) for name, found in uses.items()}


class LoopAware(cst.CSTVisitor):
    """A visitor that knows the loops around the node it visits (`for`, `while`, comprehensions):
    a call inside one runs more than once."""

    def __init__(self) -> None:
        self.loops: list[cst.CSTNode] = []

    def _enter_loop(self, node: cst.CSTNode) -> None:
        self.loops.append(node)

    def _leave_loop(self, original_node: cst.CSTNode) -> None:
        self.loops.pop()

    visit_For = visit_While = visit_ListComp = visit_GeneratorExp = visit_SetComp = visit_DictComp = _enter_loop
    leave_For = leave_While = leave_ListComp = leave_GeneratorExp = leave_SetComp = leave_DictComp = _leave_loop

    def loop_bound_names(self) -> frozenset[str]:
        """The names the loops around bind: a `for` target's, each comprehension clause's."""
        targets: list[cst.BaseExpression] = []
        for loop in self.loops:
            if isinstance(loop, cst.For):
                targets.append(loop.target)
            elif not isinstance(loop, cst.While):
                clause = loop.for_in
                while clause is not None:
                    targets.append(clause.target)
                    clause = clause.inner_for_in
        return frozenset(name for target in targets for name in _bound_names(target))


def _bound_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _bound_names(element.value)]
    return []
