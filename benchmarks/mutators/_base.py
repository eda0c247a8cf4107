"""What every mutator shares: a project as text, one mutation as a value, and libcst plumbing.

A mutator is a function `sites(files) -> list[Mutation]`: every place in the project where its
pattern exists, each already applied (the new text of the files it changes). It never changes the
files it is given; picking which sites to run is the registry's, by seed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from agent.core import sdk
from agent.core.cst import parse

Files = dict[str, str]  # project-relative path -> text: every .py file and Pulumi.yaml


@dataclass(frozen=True)
class Mutation:
    family: str
    file: str  # the file the mutation changes
    line: int  # where, in the deployed original (0: the whole file)
    before: str  # the site's code in the original
    after: str  # the site's code in the variant ("" for a removed file)
    build: Callable[[], dict[str, str | None]] = field(compare=False, repr=False)  # -> {path: new text, None removes it}

    @property
    def changes(self) -> dict[str, str | None]:
        """Built when asked: a project has many sites and a run uses a few."""
        return self.build()

    def apply(self, root: Path) -> None:
        for rel, text in self.changes.items():
            if text is None:
                (root / rel).unlink(missing_ok=True)
            else:
                (root / rel).write_text(text)

    def record(self) -> dict:
        return {"family": self.family, "file": self.file, "line": self.line, "before": self.before, "after": self.after}


def read_files(root: Path) -> Files:
    files = {str(p.relative_to(root)): p.read_text(errors="replace") for p in sorted(root.rglob("*.py"))}
    if (root / "Pulumi.yaml").is_file():
        files["Pulumi.yaml"] = (root / "Pulumi.yaml").read_text()
    return files


def python_files(files: Files) -> Iterator[tuple[str, cst.Module]]:
    for path, text in files.items():
        if path.endswith(".py"):
            module = parse(text)
            if module is not None:
                yield path, module


def normalized(text: str) -> str:
    """Python source with formatting, comments, the order of top-level imports and the spelling of
    an imported name (`Output` for `pulumi.Output` when `from pulumi import Output`) set aside, so two
    texts compare equal when they mean the same code; text that does not parse stays as it is."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    spelled = _FullNames(imports)
    rest = [ast.unparse(spelled.visit(node)) for node in tree.body if node not in imports]
    return "\n".join(sorted(ast.unparse(node) for node in imports) + ["#"] + rest)


class _FullNames(ast.NodeTransformer):
    """Each read of a name a top-level import binds, written as the full dotted path it stands for."""

    def __init__(self, imports: list[ast.stmt]) -> None:
        self.paths: dict[str, str] = {}
        for node in imports:
            for alias in node.names:
                if isinstance(node, ast.Import):
                    self.paths[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
                elif node.module and not node.level and alias.name != "*":
                    self.paths[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def visit_Name(self, node: ast.Name) -> ast.expr:
        path = self.paths.get(node.id) if isinstance(node.ctx, ast.Load) else None
        return ast.copy_location(ast.parse(path, mode="eval").body, node) if path and path != node.id else node


@lru_cache(maxsize=64)
def _positions(module: cst.Module) -> dict[cst.CSTNode, CodeRange]:
    """Each node's place, in source order; once per parsed text (parse() caches the module by text)."""
    return dict(MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider))


class Sites:
    """One parsed file: its nodes with their lines, and a mutation made by replacing one node."""

    def __init__(self, family: str, path: str, module: cst.Module) -> None:
        self.family, self.path, self.module = family, path, module
        self.positions = _positions(module)
        self.aliases = sdk.provider_aliases(module)

    def nodes(self, kind: type | tuple[type, ...]) -> Iterator:
        """Every node of the kind, in source order."""
        return (node for node in self.positions if isinstance(node, kind))

    def line(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def replaced(self, old: cst.CSTNode, new: cst.CSTNode | cst.RemovalSentinel) -> Mutation:
        after = "" if isinstance(new, cst.RemovalSentinel) else self.module.code_for_node(new)
        module, path = self.module, self.path
        return Mutation(self.family, path, self.line(old), self.code(old), after, lambda: {path: module.deep_replace(old, new).code})

    def class_path(self, call: cst.Call) -> str | None:
        """The provider class a call constructs (`pulumi_aws.rds.Instance`), through the file's imports."""
        return sdk.full_path(call.func, self.aliases)


def keyword_value(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def literal(node: cst.BaseExpression | None) -> object:
    """The Python value of a literal node (a string, a number, True), else None."""
    if node is None:
        return None
    try:
        return ast.literal_eval(cst.Module([]).code_for_node(node))
    except (ValueError, SyntaxError):
        return None


def string_literal(value: str) -> cst.SimpleString:
    return cst.SimpleString(repr(value) if '"' in value else f'"{value}"')


def reached(files: Files, mutation: Mutation, lines: set[tuple[str, int]]) -> bool:
    """Whether the deployed run reached the mutated site: the innermost block holding it (a function
    or branch body, else the module) registered a resource (`lines`: (file, line) of each
    registration). A break in code that never runs would pass unnoticed and prove nothing."""
    module = parse(files.get(mutation.file, "")) if mutation.file.endswith(".py") and mutation.line else None
    if module is None:
        return True
    start, end = 1, len(files[mutation.file].splitlines())
    for node, place in _positions(module).items():
        if isinstance(node, cst.IndentedBlock) and place.start.line <= mutation.line <= place.end.line:
            start, end = max(start, place.start.line), min(end, place.end.line)  # nested blocks narrow it
    return any(path.endswith(mutation.file) and start <= line <= end for path, line in lines)
