"""The project's own modules and the names they define at top level.

Generated projects often show a config module in one version and import it in another:
`from config import AWS_REGION` against a config.py that defines `aws_region`, or a module using
`AWS_REGION` it never imported. Both come down to the same questions: which file an import of a
project module reads, what that file defines, and which defined name an unknown one stands for.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache
from pathlib import PurePosixPath

from agent.core.project import Project


def main_setting(project: Project) -> str:
    """Pulumi.yaml's `main`, relative to the root ("" when it names the root or is unset)."""
    main = PurePosixPath(project.main or ".").as_posix()
    return "" if main == "." else main


def entry_file(project: Project) -> str:
    """The file Pulumi runs, relative to the root: `main`, `main`/__main__.py or __main__.py."""
    main = main_setting(project)
    if main.endswith(".py") and not (project.root / main).is_dir():
        return main
    return f"{main}/__main__.py" if main else "__main__.py"


def program_dir(project: Project) -> str:
    """cwd and sys.path[0] of the program, relative to the root ("" for the root)."""
    parent = PurePosixPath(entry_file(project)).parent.as_posix()
    return "" if parent == "." else parent


def import_roots(project: Project) -> list[str]:
    """Folders (relative, "" for the root) that absolute imports start from: the project's root,
    where pulumi runs, and the program's folder, which Python puts first on sys.path."""
    return list(dict.fromkeys(["", program_dir(project)]))


def module_file(project: Project, importer: str, module: str, level: int = 0) -> str | None:
    """The project file `from <dots><module> import ...` in `importer` reads, None when it is no project file."""
    if level:
        base = PurePosixPath(importer).parents[level - 1].as_posix()
        bases = ["" if base == "." else base]
    else:
        bases = import_roots(project)
    relative = module.replace(".", "/") if module else ""
    for base in bases:
        stem = "/".join(part for part in (base, relative) if part)
        for path in (f"{stem}.py", f"{stem}/__init__.py"):
            if (project.root / path).is_file():
                return path
    return None


def module_name(project: Project, path: str) -> str:
    """How an absolute import names a project file: "modules.api" for modules/api.py, "infra.net"
    for lib/infra/net.py when the program runs from lib/."""
    base = program_dir(project)
    return ".".join(module_parts(path[len(base) + 1 :] if base and path.startswith(base + "/") else path))


def module_parts(path: str) -> list[str]:
    """The dotted parts naming a file from where imports start: ["lib", "net"] for lib/net.py or lib/net/__init__.py."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def defined_names(project: Project, path: str) -> frozenset[str] | None:
    """Names the file itself assigns, defines or declares at top level (its imports left out);
    None when what it exports cannot be known (a `*` import, a module `__getattr__`, no parse)."""
    found = _top_level_names(project.read(path))
    return found[0] if found else None


def importable_names(project: Project, path: str) -> frozenset[str] | None:
    """Every name `from <module> import ...` can take from the file: its own, the names its
    imports bind (a package's `from .base import X`), and the submodules beside an __init__.py."""
    found = _top_level_names(project.read(path))
    if found is None:
        return None
    own, imported = found
    folder = project.root / PurePosixPath(path).parent
    submodules = set()
    if path.endswith("__init__.py"):
        submodules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} | {p.name for p in folder.iterdir() if p.is_dir()}
    return own | imported | frozenset(submodules)


@lru_cache(maxsize=256)
def _top_level_names(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(own names, names imports bind) at the top level of a module's text; None when unknowable."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    own: set[str] = set()
    imported: set[str] = set()
    for node in _top_level(tree.body):
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
            return None
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            own |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return None if "__getattr__" in own else (frozenset(own), frozenset(imported))


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, those inside a top-level if/try/with/for included (a guarded default,
    `with open(...) as f: SETTINGS = json.load(f)`)."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.For, ast.While)):
            yield from _top_level(node.body + node.orelse)
        elif isinstance(node, ast.With):
            yield from _top_level(node.body)
        elif isinstance(node, ast.Try):
            yield from _top_level(node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body])


def _words(name: str) -> tuple[str, ...]:
    return tuple(word for word in name.lower().split("_") if word)


def counterpart(name: str, defined: frozenset[str]) -> tuple[str, bool] | None:
    """The defined name an unknown `name` stands for, and whether it is certain: the same words in
    another case (`AWS_REGION` for `aws_region`: certain), else the one name its words begin
    (`LAMBDA_MEMORY` for `lambda_memory_size`: a guess). None when neither is unique."""
    words = _words(name)
    if not words:
        return None
    same = [d for d in defined if _words(d) == words]
    if len(same) == 1:
        return same[0], True
    longer = [d for d in defined if len(_words(d)) > len(words) and _words(d)[: len(words)] == words]
    if len(longer) == 1:
        return longer[0], False
    return None


def defining_module(project: Project, importer: str, name: str) -> tuple[str, str, bool] | None:
    """(file, defined name, certain) of the one other project module defining `name`, else of the
    one whose counterpart for it is unique across the project."""
    exact, near = [], []
    for path in project.python_files():
        if path == importer or path == entry_file(project):
            continue
        defined = defined_names(project, path)
        if not defined:
            continue
        if name in defined:
            exact.append((path, name, True))
        elif (found := counterpart(name, defined)) is not None:
            near.append((path, *found))
    if exact:
        return exact[0] if len(exact) == 1 else None
    return near[0] if len(near) == 1 else None


def unimportable_names(project: Project, path: str, text: str) -> Iterator[tuple[int, str, str, str]]:
    """(line, module, name, module's file) for each name the file at `path`, reading `text`, asks
    of a project module in `from <module> import` that nothing in that module binds: the
    ImportError a run would raise, one per name."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        source = module_file(project, path, node.module, node.level)
        importable = importable_names(project, source) if source else None
        for alias in node.names if importable is not None else ():
            if alias.name != "*" and alias.name not in importable:
                yield node.lineno, node.module, alias.name, source
