"""The floor plan of agent/ and fixers/, read from the imports themselves.

agent/core is the floor every part stands on; checks, intake and engines stand on core alone;
the driver (agent/*.py) stands on all of them; a fixer imports agent.core and fixers/_* helpers,
never another fixer. A new edge that breaks this fails here, naming the file and the import.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS_ON = {  # a floor -> the floors its modules may import
    "agent.core": {"agent.core"},
    "agent.checks": {"agent.core", "agent.checks"},
    "agent.intake": {"agent.core", "agent.intake"},
    "agent.engines": {"agent.core", "agent.engines"},
    "fixers._helpers": {"agent.core", "fixers._helpers"},
    "fixers": {"agent.core", "fixers._helpers"},
    "fixers.registry": {"agent.core", "fixers"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _floor(module: str) -> str | None:
    """The floor a module of ours stands on; None for the driver (and for what is not ours)."""
    if module == "fixers":
        return "fixers.registry"
    if module.startswith("fixers."):
        return "fixers._helpers" if module.split(".")[1].startswith("_") else "fixers"
    for floor in ("agent.core", "agent.checks", "agent.intake", "agent.engines"):
        if module == floor or module.startswith(floor + "."):
            return floor
    return None


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of ours in the file, wherever it sits (a function's too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return sorted({(line, name) for line, name in found if name.split(".")[0] in {"agent", "fixers"}})


def _ours(name: str) -> str | None:
    """The module of ours an imported name is, or lives in (`from agent import core` names a package)."""
    while name:
        dotted = ROOT / Path(*name.split("."))
        if dotted.with_suffix(".py").is_file() or (dotted / "__init__.py").is_file():
            return name
        name = name.rpartition(".")[0]
    return None


def _sources():
    return sorted([*(ROOT / "agent").rglob("*.py"), *(ROOT / "fixers").glob("*.py")])


def _edges():
    for path in _sources():
        importer = _module(path)
        edges = {(line, _ours(name)) for line, name in _imports(path)}
        for line, imported in sorted(edge for edge in edges if edge[1] and edge[1] != importer):
            yield path, line, importer, imported


def test_every_import_keeps_to_the_floor_plan():
    broken = []
    for path, line, importer, imported in _edges():
        floor = _floor(importer)
        if floor is None:
            continue  # the driver may import any floor
        target = _floor(imported)
        if target == "fixers" and floor == "fixers":
            broken.append(f"{path.relative_to(ROOT)}:{line}: a fixer imports another fixer ({imported})")
        elif target not in FLOORS_ON[floor]:
            broken.append(f"{path.relative_to(ROOT)}:{line}: {floor} may not import {imported}")
    assert not broken, "\n".join(broken)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (module -> modules it imports), or None (depth-first search)."""
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == "open":
                return trail[trail.index(imported) :] + [imported]
            if imported not in state:
                found = visit(imported, trail + [imported])
                if found:
                    return found
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return None


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    for _, _, importer, imported in _edges():
        if imported not in ("agent", "fixers"):  # a package's __init__ is not a module's dependency on its siblings
            graph.setdefault(importer, set()).add(imported)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_checker_sees_a_broken_edge(tmp_path):
    """The rules above are not vacuous: a fixer importing an engine module is a broken edge."""
    assert _floor("fixers.cidr_slice") == "fixers" and _floor("fixers._pulumi") == "fixers._helpers"
    assert _floor("agent.engines.local.rules") not in FLOORS_ON["fixers"]
    assert _floor("agent.loop") is None and _floor("agent.core.sdk") == "agent.core"
