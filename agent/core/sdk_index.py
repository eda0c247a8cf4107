"""Every public name of the installed provider SDKs, by module, read without importing them.

A program asking for `aws.ec2.LoadBalancer` or `aws.iam.Bucket` names something that exists, just
elsewhere; finding where means knowing every module's names. Importing all of pulumi_aws's ~300
service modules takes tens of seconds, so the index reads each generated file's `__all__` list
(the literal every generated module begins with) instead: well under a second, built once per
process and package. Documentation is read only to break a tie between a few candidates.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ALL_LIST = "\n__all__ = ["
READ_CHUNK = 16384


@dataclass(frozen=True)
class Name:
    module: str  # "pulumi_aws.lb"
    name: str  # "LoadBalancer"
    kind: str  # resource | function | args | enum

    @property
    def path(self) -> str:
        return f"{self.module}.{self.name}"


def _exported(path: Path) -> list[str]:
    """The names a generated file's `__all__` literal lists, read only as far as its closing bracket."""
    text = ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        while True:
            chunk = handle.read(READ_CHUNK)
            text += chunk
            start = text.find(ALL_LIST)
            end = text.find("]", start) if start >= 0 else -1
            if end >= 0:
                try:
                    names = ast.literal_eval(text[start + len("\n__all__ = ") : end + 1])
                except (ValueError, SyntaxError):
                    return []
                return [n for n in names if isinstance(n, str)]
            if not chunk:
                return []


def _kind(file: str, name: str) -> str | None:
    if name.endswith("ArgsDict") or file == "outputs":
        return None
    if file == "_enums":
        return "enum"
    if name.endswith("Args"):
        return "args"
    if file.startswith("get_") or name.startswith("get_"):
        return "function" if name.startswith("get_") else None  # GetXResult and its Awaitable twin are outputs
    return "resource" if name[:1].isupper() else None


@cache
def names(package: str = "pulumi_aws") -> tuple[Name, ...]:
    """Every resource, data-source function, Args class and enum of an installed provider package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return ()
    root = Path(next(iter(spec.submodule_search_locations)))
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        *dirs, file = parts
        if any(d.startswith("_") for d in dirs) or (file.startswith("_") and file not in ("_enums", "_inputs")) or file == "outputs":
            continue
        module = ".".join([package, *dirs])
        for name in _exported(path):
            kind = _kind(file, name)
            if kind is not None:
                found.append(Name(module, name, kind))
    return tuple(found)


@cache
def _by_name(package: str) -> dict[str, tuple[Name, ...]]:
    table: dict[str, list[Name]] = {}
    for entry in names(package):
        table.setdefault(entry.name, []).append(entry)
    return {name: tuple(entries) for name, entries in table.items()}


def named(name: str, package: str = "pulumi_aws") -> tuple[Name, ...]:
    """Every module of `package` that has `name`."""
    return _by_name(package).get(name, ())


def words(name: str) -> frozenset[str]:
    """The words of a name, lower case, without a plural s: "LoadBalancerListener" -> {load, balancer, listener}."""
    found = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name.replace("_", " "))
    return frozenset(w.lower().removesuffix("s") for w in found if w.lower() not in ("get", "args"))


def nearest(name: str, package: str = "pulumi_aws", kind: str | None = None, limit: int = 5) -> list[tuple[float, Name]]:
    """The names sharing most words with `name` (Jaccard over words), best first, ties broken by length difference."""
    wanted = words(name)
    if not wanted:
        return []
    scored = []
    for entry in names(package):
        if kind is not None and entry.kind != kind:
            continue
        theirs = words(entry.name)
        shared = len(wanted & theirs)
        if shared:
            scored.append((shared / len(wanted | theirs), -abs(len(entry.name) - len(name)), entry))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].path))
    return [(score, entry) for score, _, entry in scored[:limit]]


@cache
def summary_words(entry: Name) -> frozenset[str]:
    """The words of the first line of a class's documentation ("Provides an AWS Config Rule." for
    cfg.Rule), read from its source: a generated resource documents itself on its `__init__`
    overloads, which do not survive import."""
    try:
        cls = getattr(importlib.import_module(entry.module), entry.name)
        tree = ast.parse(Path(inspect.getsourcefile(cls)).read_text(encoding="utf-8"))
    except (ImportError, AttributeError, TypeError, OSError, SyntaxError):
        return frozenset()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == entry.name:
            docs = [ast.get_docstring(item) or "" for item in [node, *node.body] if isinstance(item, (ast.ClassDef, ast.FunctionDef))]
            first = next((doc.strip().splitlines()[0] for doc in docs if doc.strip()), "")
            return frozenset(w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z0-9]+", first))
    return frozenset()


def best_described(name: str, tied: list[Name]) -> list[Name]:
    """Of names tied on their words, those whose documentation's first line shares most words with
    `name`: `ConfigRule` is cfg.Rule ("Provides an AWS Config Rule."), not rbin.Rule or waf.Rule."""
    wanted = words(name)
    shared = {entry: len(wanted & summary_words(entry)) for entry in tied}
    top = max(shared.values(), default=0)
    return [entry for entry in tied if shared[entry] == top] if top else tied
