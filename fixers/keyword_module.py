"""RM022: a project module named after a Python keyword (`lambda.py`) cannot be imported.

`from infrastructure.lambda import create_function` is a SyntaxError: no import statement can name
a module `lambda`, so the program never starts. The module takes a trailing underscore, as
pulumi_aws's own `lambda_`, and every import of it follows (read with Python's tokenizer, since
those lines do not parse). A package directory with a keyword name is left alone (it often holds a
function's code, which an asset path names).

Before:
    from infrastructure.lambda import create_function      # infrastructure/lambda.py
After:
    from infrastructure.lambda_ import create_function     # infrastructure/lambda_.py

Safety: safe. The same module under the spelling Python can import; nothing else changes.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file, remove_file
from agent.core.project import Project

STATEMENT_START = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


@dataclass(frozen=True)
class _KeywordSegment:
    """A keyword in the module path of one import statement: `lambda` in `from a.lambda import f`."""

    level: int  # leading dots of a relative import
    segments: tuple[str, ...]  # the module path up to and including the keyword
    end: tuple[int, int]  # (row, col) just after the keyword token


def _statements(text: str) -> Iterator[list[tokenize.TokenInfo]]:
    """The significant tokens of each `import`/`from` statement (an unreadable file yields none)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    previous = None
    statement: list[tokenize.TokenInfo] | None = None
    for token in tokens:
        if statement is not None:
            if token.type == tokenize.NEWLINE or token.string == ";":
                yield statement
                statement = None
            elif token.type not in (tokenize.NL, tokenize.COMMENT):
                statement.append(token)
        elif token.type == tokenize.NAME and token.string in ("import", "from"):
            if previous is None or previous.type in STATEMENT_START or previous.string == ";":
                statement = [token]
        if token.type not in (tokenize.COMMENT,):
            previous = token


def _module_paths(statement: list[tokenize.TokenInfo]) -> Iterator[tuple[int, list[tokenize.TokenInfo]]]:
    """(level, name tokens) of each module path a statement names."""
    if statement[0].string == "from":
        rest = statement[1:]
        level = 0
        while rest and rest[0].string in (".", "..."):
            level += len(rest[0].string)
            rest = rest[1:]
        names = []
        for token in rest:
            if token.type == tokenize.NAME and token.string == "import":
                break
            if token.type == tokenize.NAME:
                names.append(token)
        yield level, names
        return
    names, aliased = [], False
    for token in statement[1:]:
        if token.string == ",":
            yield 0, names
            names, aliased = [], False
        elif token.type == tokenize.NAME and token.string == "as":
            aliased = True
        elif token.type == tokenize.NAME and not aliased:
            names.append(token)
    yield 0, names


def keyword_segments(text: str) -> list[_KeywordSegment]:
    found = []
    for statement in _statements(text):
        for level, names in _module_paths(statement):
            for i, token in enumerate(names):
                if keyword.iskeyword(token.string):
                    found.append(_KeywordSegment(level, tuple(t.string for t in names[: i + 1]), token.end))
    return found


def _module_file(project: Project, importer: str, segment: _KeywordSegment) -> str | None:
    """The project file the module path names: relative to the importer, or anywhere the path fits."""
    rel = "/".join(segment.segments) + ".py"
    if segment.level:
        parents = PurePosixPath(importer).parents
        if segment.level > len(parents):
            return None
        candidate = (parents[segment.level - 1] / rel).as_posix()
        return candidate if (project.root / candidate).is_file() else None
    fits = [path for path in project.python_files() if path == rel or path.endswith("/" + rel)]
    return fits[0] if len(fits) == 1 else None


def _keyword_imports(project: Project) -> Iterator[KeywordImport]:
    """Each import, in any project file, of a keyword-named project module."""
    for path in project.python_files():
        for segment in keyword_segments(project.read(path)):
            module = _module_file(project, path, segment)
            if module:
                yield KeywordImport(module, path, segment.end)


def _with_underscores(text: str, ends: list[tuple[int, int]]) -> str:
    lines = text.splitlines(keepends=True)
    for row, col in sorted(ends, reverse=True):
        lines[row - 1] = lines[row - 1][:col] + "_" + lines[row - 1][col:]
    return "".join(lines)


@dataclass(frozen=True)
class KeywordImport:
    """One import naming a keyword-named project module: the keyword token ends at `end` in `importer`."""

    module: str  # the project file named after a keyword
    importer: str
    end: tuple[int, int]


class KeywordModule(Fixer[tuple[KeywordImport, ...]]):
    id = "RM022"
    name = "python.keyword-module"
    title = "Rename a project module named after a Python keyword, and its imports"
    kinds = frozenset({ErrorKind.SYNTAX})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[tuple[KeywordImport, ...]] | None:
        imports = tuple(_keyword_imports(ctx.project))
        return Match(error, imports) if imports else None

    def fix(self, match: Match[tuple[KeywordImport, ...]], ctx: FixContext) -> FixResult:
        project = ctx.project
        renames: dict[str, set[str]] = {}  # module file -> the files importing it
        ends_by_file: dict[str, list[tuple[int, int]]] = {}
        for found in match.found:
            renames.setdefault(found.module, set()).add(found.importer)
            ends_by_file.setdefault(found.importer, []).append(found.end)
        texts = {path: _with_underscores(project.read(path), ends) for path, ends in ends_by_file.items()}
        edits: list[Edit] = []
        moves = []
        for module in sorted(renames):
            new = PurePosixPath(module).with_name(PurePosixPath(module).stem + "_.py").as_posix()
            if (project.root / new).exists():
                return Skip(f"{module} cannot become {new}: that file exists")
            edits += [remove_file(project, module), Edit(new, None, texts.pop(module, project.read(module)))]
            moves.append(f"{module} → {new}")
        edits += [edit for path, text in sorted(texts.items()) if (edit := edit_file(project, path, text))]
        first = sorted(renames)[0]
        return Fix(
            edits=tuple(edits),
            change=f"renamed {', '.join(moves)} and the imports that name it",
            why="A keyword cannot be a module name in an import statement; a trailing underscore is the "
            "usual spelling (pulumi_aws's own `lambda_`).",
            safety=Safety.SAFE,
            file=sorted(renames[first])[0],
        )
