"""Candidate-response folders in, Pulumi projects out.

A candidate folder holds a model's answer (MODEL_RESPONSE.md, or IDEAL_RESPONSE.md) and optionally
Pulumi.yaml, PROMPT.md and metadata.json. The answer's fenced code blocks become project files:
the file name comes from the text just before the block (`## File: lib/x.py`, ``### `x.py` ``,
`**x.py**`, "x.py:") or from a first-line path comment (`# lib/x.py`); a block opening with one may
hold several files, each opened by its own path comment at the margin. Unnamed blocks are used only
for the program itself: the largest one importing pulumi becomes lib/tap_stack.py when it defines
TapStack, else the entry point. Shell snippets, docs and tests are left out. What the answer lacks
(Pulumi.yaml, tap.py, lib/__init__.py) comes from the Jinja2 templates in config/scaffold/.
When the answer has a reasoning part followed by an "### Answer" heading, only the answer counts,
except for files the answer imports but leaves out, or cuts off, that the reasoning wrote whole,
and files the program reads by path that only the reasoning wrote.
Config values the answer's own setup steps set (`pulumi config set`) become Pulumi.yaml defaults.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from agent.core import run_defaults
from agent.core.config import config_path
from agent.core.config_defaults import default_for
from agent.core.project import ProjectError
from agent.core.unfinished import whole_head
from agent.intake.bare_program import BareProgram, bare_program, has_code
from agent.intake.guards import case_text, checked_size, project_path
from agent.intake.instructions import documented_config, stack_file_config, with_config_defaults

RESPONSES = ("MODEL_RESPONSE.md", "IDEAL_RESPONSE.md")
STACK_MODULE = "lib/tap_stack.py"
ENTRY_POINTS = ("tap.py", "__main__.py", "lib/__main__.py")
SCAFFOLD_ARGS = ("environment_suffix", "tags")  # TapStackArgs parameters the scaffolded tap.py knows how to fill

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
ANSWER = re.compile(r"^.*#{1,6}\s*Answer\s*:?\s*$", re.MULTILINE)
PATH = re.compile(r"(?<![\w/.~-])((?:~?/)?(?:[\w.-]+/)*[\w.-]*\w\.(?:py|ya?ml|json|txt|toml|cfg|ini|conf|js|ts|sh|j2|sql|env|md))(?![\w/])")
PATH_COMMENT = re.compile(r"^\s*(?:#|//)\s*(?:file(?:name)?:\s*)?(?P<path>[\w./~-]+\.\w+)\s*$", re.IGNORECASE)
MANGLED_DUNDER = re.compile(r"\*{2,}(main|init)\*{2}\.py")  # `__main__.py` rendered as bold "main"
# `lib\__init__.py` with its underscores escaped (`lib\_\_init\_\_.py`) or turned bold (`lib\*\*init\*\*.py`)
ESCAPED_DUNDER = re.compile(r"(?<=[\w.-])\\[_*]\\[_*](main|init)\\[_*]\\[_*]\.py")
MARKDOWN_ESCAPE = re.compile(r"\\([_*`])")
LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-+])\s+")

PYTHON_INFO = {"python", "py", "python3"}
NEVER_WRITTEN_INFO = {"bash", "sh", "shell", "console", "zsh", "powershell", "ps1", "cmd", "markdown", "md", "diff", "mermaid"}
NEVER_WRITTEN_SUFFIXES = {".md"}
INFO_SUFFIXES = {
    "python": ".py",
    "py": ".py",
    "python3": ".py",
    "yaml": ".yaml .yml",
    "yml": ".yaml .yml",
    "json": ".json",
    "toml": ".toml",
}


@dataclass
class Block:
    info: str  # the fence's language word, lower case ("" when none)
    code: str
    path: str | None  # the file it names, relative posix; None when unnamed
    line: int  # 1-based line of the opening fence (of the path comment, for a later file in one block)


# ---- reading the response -----------------------------------------------------
def is_candidate_folder(path: Path) -> bool:
    """A directory holding a model response (MODEL_RESPONSE.md or IDEAL_RESPONSE.md)."""
    path = Path(path)
    return path.is_dir() and any((path / name).is_file() for name in RESPONSES)


def answer_part(text: str) -> str:
    """The text after the last "### Answer" heading when there is one, else all of it."""
    found = list(ANSWER.finditer(text))
    return text[found[-1].end() :] if found else text


def fenced_blocks(text: str) -> Iterator[tuple[int, str, str, list[str]]]:
    """(fence line index, info, code, lines) for each fenced block (CommonMark closing rules,
    plus: an unclosed long fence is closed by any bare fence of the same character)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening["fence"]
        end = _closing(lines, i + 1, fence[0], len(fence)) or _closing(lines, i + 1, fence[0], 3) or len(lines)
        yield i, opening["info"], "\n".join(lines[i + 1 : end]) + "\n", lines
        i = end + 1


def _closing(lines: list[str], start: int, char: str, length: int) -> int | None:
    for j in range(start, len(lines)):
        closing = FENCE.match(lines[j])
        if closing and not closing["info"] and closing["fence"][0] == char and len(closing["fence"]) >= length:
            return j
    return None


def unescaped(line: str) -> str:
    """A line with markdown escapes undone, mangled dunder names repaired and Windows path
    separators (`lib\\tap_stack.py`) turned into slashes."""
    text = MARKDOWN_ESCAPE.sub(r"\1", ESCAPED_DUNDER.sub(r"/__\1__.py", line))
    return re.sub(r"\\+", "/", MANGLED_DUNDER.sub(r"__\1__.py", text))


def named_path(line: str) -> str | None:
    """The file a line just before a block names: a heading, a bold/backticked name, "...:",
    a list item holding only a path ("3. lib/tap_stack.py")."""
    text = unescaped(line).strip()
    bare = LIST_MARKER.sub("", text).strip("*_` ").rstrip(":").strip("*_` ")
    is_label = text.startswith("#") or text.rstrip("*` ").endswith(":") or PATH.fullmatch(bare) is not None
    found = PATH.search(text) if is_label else None
    return found.group(1) if found else None


def comment_path(code: str) -> str | None:
    """The path in a first-line comment such as `# lib/tap_stack.py`."""
    first = next((line for line in code.splitlines() if line.strip()), "")
    found = PATH_COMMENT.match(unescaped(first))
    return found["path"] if found and PATH.fullmatch(found["path"]) else None


def concatenated_files(code: str) -> list[tuple[int, str]]:
    """(line offset, code) of each file a block holds: one, unless the block opens with a path comment
    and more path comments at the margin open further files (`#modules/vpc.py` ... `#modules/rds.py`)."""
    if comment_path(code) is None:
        return [(0, code)]
    lines = code.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line[:1] in "#/" and comment_path(line) is not None]
    starts = [0] + [i for i in starts if i > 0 and any(line.strip() for line in lines[:i])]
    return [(start, "".join(lines[start:end])) for start, end in zip(starts, starts[1:] + [len(lines)], strict=True)]


def parse_blocks(text: str) -> list[Block]:
    blocks = []
    for index, info, code, lines in fenced_blocks(text):
        before = next((lines[j] for j in range(index - 1, max(index - 4, -1), -1) if lines[j].strip()), "")
        word = info.split()[0].lower() if info.split() else ""
        for offset, part in concatenated_files(code):
            path = (named_path(before) if offset == 0 else None) or comment_path(part)
            blocks.append(Block(word, part, PurePosixPath(path).as_posix() if path else None, index + 1 + offset))
    return blocks


def checked(block: Block) -> tuple[str, str]:
    """(path, code) of a block to write, refused when it would land outside the project or is too large."""
    return project_path(block.path or "", block.line), checked_size(block.path or "", block.code, block.line)


# ---- choosing what to write -----------------------------------------------------
def is_test(path: str) -> bool:
    parts = PurePosixPath(path).parts
    name = parts[-1]
    return bool({"tests", "test"} & set(parts[:-1])) or name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def writable(block: Block) -> bool:
    """A named block whose language fits its file name, that is not a test, a doc or a shell snippet."""
    if block.path is None or is_test(block.path) or block.info in NEVER_WRITTEN_INFO:
        return False
    suffix = PurePosixPath(block.path).suffix
    if suffix in NEVER_WRITTEN_SUFFIXES:
        return False
    if suffix == ".py" and not block.info and python_tree(block.code) is None:
        return False  # an untagged block that is not Python (a tree listing, a sample output)
    expected = INFO_SUFFIXES.get(block.info)
    return expected is None or suffix in expected.split()


def python_tree(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError):
        return None


def imports_pulumi(code: str) -> bool:
    tree = python_tree(code)
    if tree is None:
        return any(
            line.split()[:2] in (["import", "pulumi"], ["import", "pulumi_aws"]) or line.startswith("from pulumi")
            for line in code.splitlines()
        )
    for node in ast.walk(tree):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        if any(name.split(".")[0] in ("pulumi", "pulumi_aws") for name in names):
            return True
    return False


def class_names(code: str) -> set[str]:
    """Top-level classes; for code that does not parse (a truncated answer), the `class X` lines."""
    tree = python_tree(code)
    if tree is None:
        return {line[6:].split("(")[0].split(":")[0].strip() for line in code.splitlines() if line.startswith("class ")}
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


def top_level_class(tree: ast.Module | None, name: str) -> ast.ClassDef | None:
    return next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None) if tree else None


def init_of(cls: ast.ClassDef | None) -> ast.FunctionDef | None:
    return next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None) if cls else None


def args_parameters(code: str) -> set[str]:
    """The names TapStackArgs accepts: its __init__ parameters or its dataclass fields."""
    cls = top_level_class(python_tree(code), "TapStackArgs")
    if cls is None:  # unparsable (truncated) answer: guess from the text
        return {name for name in SCAFFOLD_ARGS if name in code}
    init = init_of(cls)
    if init is not None:
        names = {a.arg for a in init.args.args[1:] + init.args.kwonlyargs}
        return names | (set(SCAFFOLD_ARGS) if init.args.kwarg else set())
    return {n.target.id for n in cls.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}


def args_required(code: str) -> list[str]:
    """TapStackArgs.__init__ parameters with no default, in order (none when it cannot be read)."""
    init = init_of(top_level_class(python_tree(code), "TapStackArgs"))
    if init is None:
        return []
    positional = init.args.posonlyargs + init.args.args
    required = positional[1 : len(positional) - len(init.args.defaults)]
    required += [a for a, default in zip(init.args.kwonlyargs, init.args.kw_defaults) if default is None]
    return [a.arg for a in required]


def conventional_values(names: list[str]) -> dict[str, str]:
    """Python literals for the required TapStackArgs the scaffold has no variable for, from the config
    defaults a missing stack setting would get (`primary_region` -> "us-east-1"), safe or placeholder."""
    values = {}
    for name in names:
        if name not in SCAFFOLD_ARGS:
            value, _, _ = default_for(name, run_defaults.REGION)
            if value is not None:
                values[name] = repr(value)
    return values


def is_placeholder(code: str) -> bool:
    """Python holding no statement but a docstring ("# See lib/tap_stack.py for the full code")."""
    tree = python_tree(code)
    return tree is not None and all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) for n in tree.body)


def choose_files(blocks: list[Block], entry: str) -> dict[str, str]:
    """path -> code: named blocks (a later block of the same name wins), plus the program from
    the largest unnamed pulumi block when the named ones do not already hold it."""
    files = dict(checked(block) for block in blocks if writable(block))
    unnamed = [b for b in blocks if b.path is None and b.info in PYTHON_INFO | {""} and imports_pulumi(b.code)]
    if unnamed:
        program = max(unnamed, key=lambda b: len(b.code)).code
        target = STACK_MODULE if "TapStack" in class_names(program) else entry
        has_program = (target in files and not is_placeholder(files[target])) or (
            target == entry and any(path in files for path in ENTRY_POINTS)
        )
        if not has_program:
            files[target] = program
    return files


def imported_modules(code: str) -> set[str]:
    """Absolute module names the code imports (`import a.b`, `from a.b import c`)."""
    tree = python_tree(code)
    if tree is None:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def place_by_imports(files: dict[str, str]) -> dict[str, str]:
    """Move a file the answer names without its folder (`tap_stack.py`) to where the answer's own
    imports look for it (`from lib.tap_stack import ...` -> lib/tap_stack.py), when that place is
    empty, no import wants it where it is, and the imports agree on one folder. Changes `files`;
    returns the moves, old path -> new path."""
    imports = {name for code in files.values() for name in imported_modules(code)}
    moves: dict[str, str] = {}
    for path in [p for p in files if "/" not in p and p.endswith(".py")]:
        stem = path[: -len(".py")]
        homes = {name.rpartition(".")[0] for name in imports if name.rpartition(".")[2] == stem and "." in name}
        if len(homes) != 1 or stem in imports:
            continue
        home = f"{homes.pop().replace('.', '/')}/{path}"
        if home not in files:
            files[home] = files.pop(path)
            moves[path] = home
    return moves


def completed_modules(files: dict[str, str], blocks: list[Block]) -> dict[str, str]:
    """Python files the answer cuts off (they do not parse) that its reasoning part wrote out whole:
    path -> the last complete copy, as a QA engineer would restore the truncated file."""
    cut = {path for path, code in files.items() if path.endswith(".py") and python_tree(code) is None}
    whole = dict(checked(b) for b in blocks if writable(b) and b.path in cut and python_tree(b.code) is not None)
    return whole


def reused_modules(files: dict[str, str], blocks: list[Block]) -> dict[str, str]:
    """Files the answer imports but only its reasoning part wrote out (the answer reuses a
    `tags.py` shown earlier): path -> code of the last named block for each."""
    wanted = {
        f"{name.replace('.', '/')}{suffix}"
        for code in files.values()
        for name in imported_modules(code)
        for suffix in (".py", "/__init__.py")
    }
    earlier = dict(checked(block) for block in blocks if writable(block) and block.path in wanted)
    return {path: code for path, code in earlier.items() if path not in files}


def path_literals(code: str) -> set[str]:
    """Project-relative files the code names in string literals (`"./lambda/requirements.txt"`)."""
    tree = python_tree(code)
    if tree is None:
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and PATH.fullmatch(node.value):
            path = PurePosixPath(node.value)
            if not path.is_absolute() and ".." not in path.parts and not node.value.startswith("~"):
                found.add(path.as_posix())
    return found


def read_files(files: dict[str, str], blocks: list[Block]) -> dict[str, str]:
    """Files the program reads at a path (`pip install -r ./lambda/requirements.txt`) that only the
    reasoning part wrote, under that path or under the bare file name ("create a `requirements.txt`
    file:"): path -> code, as a QA engineer would put the file where the program looks. A block
    the project already holds as it is (its own requirements.txt) is no candidate; a name several
    different blocks give is left alone."""
    wanted = {path for code in files.values() for path in path_literals(code)} - set(files)
    restored = {}
    for path in sorted(wanted):
        name = PurePosixPath(path).name
        found = [b for b in blocks if writable(b) and b.path in (path, name) and files.get(b.path or "") != b.code]
        exact = [b for b in found if b.path == path] or found
        if len({b.code for b in exact}) == 1:
            restored[path] = exact[-1].code
    return restored


# ---- writing the project --------------------------------------------------------
def entry_file(settings: dict) -> str:
    main = PurePosixPath(str(settings.get("main") or ".")).as_posix().strip("/")
    if main in ("", "."):
        return "__main__.py"
    return main if main.endswith(".py") else f"{main}/__main__.py"


def project_name(case_dir: Path) -> str:
    metadata = case_dir / "metadata.json"
    name = None
    if metadata.is_file():
        try:
            data = json.loads(case_text(case_dir, metadata.name)[0])
            name = data.get("name") or data.get("project") if isinstance(data, dict) else None
        except json.JSONDecodeError:
            name = None
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", str(name or case_dir.resolve().name)).strip("-") or "project"


def render(template: str, **values) -> str:
    path = config_path(f"scaffold/{template}.j2")
    env = Environment(loader=FileSystemLoader(str(path.parent)), undefined=StrictUndefined, keep_trailing_newline=True)
    return env.get_template(path.name).render(**values)


def pulumi_settings(case_dir: Path, files: dict[str, str], response: str) -> str:
    """The folder's Pulumi.yaml (the project's own), else the response's, else the scaffold's."""
    if (case_dir / "Pulumi.yaml").is_file():
        return case_text(case_dir, "Pulumi.yaml")[0]
    if "Pulumi.yaml" in files:
        try:
            data = yaml.safe_load(files["Pulumi.yaml"])
            if isinstance(data, dict) and data.get("name"):
                return files["Pulumi.yaml"]
        except yaml.YAMLError:
            pass
    return render("Pulumi.yaml", name=project_name(case_dir), response=response)


def scaffold_entry(files: dict[str, str]) -> str | None:
    """tap.py for an answer without one, in this order: create the TapStack of the module defining it
    (lib/tap_stack.py first) the way its __init__ takes arguments, or just import that module when it
    creates the stack itself; import the one module declaring resources at its top level; call the one
    top-level function that declares resources when nothing calls it. None if there is none of these."""
    modules = sorted((p for p in files if p.endswith(".py")), key=lambda p: (p != STACK_MODULE, p))
    for path in modules:
        found = class_names(files[path])
        if "TapStack" in found:
            if "TapStack" in top_level_calls(files[path]):
                return render("tap.py", module=module_name(path), call=None)
            has_args = "TapStackArgs" in found
            parameters = args_parameters(files[path]) if has_args else set()
            literals = conventional_values(args_required(files[path])) if has_args else {}
            return render(
                "tap.py",
                module=module_name(path),
                call="TapStack",
                is_class=True,
                call_args=stack_arguments(files[path], has_args),
                args_class="TapStackArgs" if has_args else None,
                args=[(name, name) for name in SCAFFOLD_ARGS if name in parameters] + [(name, name) for name in literals],
                literals=literals,
            )
    candidates = [path for path in modules if PurePosixPath(path).name not in ("__init__.py", "__main__.py")]
    programs = [path for path in candidates if declares_resources(files[path])]
    if len(programs) == 1:
        return render("tap.py", module=module_name(programs[0]), call=None)
    if programs:
        return None
    called = set().union(*(all_calls(files[path]) for path in modules)) if modules else set()
    functions = [(path, f) for path in candidates for f in resource_functions(files[path]) if f.name not in called]
    if len(functions) == 1:
        path, function = functions[0]
        pairs = function_arguments(function)
        if pairs is not None:
            return render("tap.py", module=module_name(path), call=function.name, is_class=False, call_args=pairs, args_class=None, args=[])
    return None


def _role(parameter: str, index: int | None, has_args: bool) -> str | None:
    """What the scaffold passes for a TapStack parameter: the resource name, the TapStackArgs, the
    environment suffix or tags; None for a parameter it has no value for."""
    if parameter in SCAFFOLD_ARGS:
        return parameter
    if parameter == "args" or parameter.endswith("_args"):
        return "args" if has_args else None
    return "name" if parameter in ("name", "resource_name", "stack_name") or index == 0 else None


def stack_arguments(code: str, has_args: bool) -> list[tuple[str | None, str]]:
    """(keyword or None for positional, role) for each TapStack parameter the scaffold can fill,
    following TapStack.__init__: no parameters, no arguments; keyword-only ones by keyword."""
    tree = python_tree(code) or python_tree(whole_head(code) or "")  # a cut-off answer: what it finished
    init = init_of(top_level_class(tree, "TapStack"))
    if init is None:  # inherited or unreadable: a ComponentResource's (name, args)
        return [(None, "name")] + ([(None, "args")] if has_args else [])
    pairs: list[tuple[str | None, str]] = []
    positional = True
    for index, parameter in enumerate(a.arg for a in (init.args.posonlyargs + init.args.args)[1:]):
        role = _role(parameter, index, has_args)
        if role is None:
            positional = False  # the parameters after one the scaffold cannot fill go by keyword
        else:
            pairs.append((None if positional else parameter, role))
    pairs += [(a.arg, role) for a in init.args.kwonlyargs if (role := _role(a.arg, None, has_args)) is not None]
    return pairs


def function_arguments(function: ast.FunctionDef) -> list[tuple[str | None, str]] | None:
    """Keyword arguments for a program function's parameters (environment suffix, tags), None when
    it requires one the scaffold has no value for."""
    args = function.args
    positional = args.posonlyargs + args.args
    optional = {a.arg for a in positional[len(positional) - len(args.defaults) :]} | {
        a.arg for a, default in zip(args.kwonlyargs, args.kw_defaults) if default is not None
    }
    pairs = []
    for a in positional + args.kwonlyargs:
        if a.arg in SCAFFOLD_ARGS:
            pairs.append((a.arg, a.arg))
        elif a.arg not in optional or a in args.posonlyargs:
            return None
    return pairs


def module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _called_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements run on import: not definitions, not an `if __name__ == "__main__":` block."""
    return [n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not _is_main_guard(n)]


def _is_main_guard(node: ast.stmt) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"


def top_level_calls(code: str) -> set[str]:
    """Names called by the module's own top-level statements (not inside functions or classes)."""
    tree = python_tree(code)
    top = _top_level(tree) if tree else []
    return {_called_name(n) for statement in top for n in ast.walk(statement) if isinstance(n, ast.Call)}


def all_calls(code: str) -> set[str]:
    tree = python_tree(code)
    return {_called_name(n) for n in ast.walk(tree) if isinstance(n, ast.Call)} if tree else set()


def resource_functions(code: str) -> list[ast.FunctionDef]:
    """Top-level functions of a pulumi module whose body calls a capitalised name (a resource class)."""
    tree = python_tree(code)
    if tree is None or not imports_pulumi(code):
        return []
    return [
        n
        for n in tree.body
        if isinstance(n, ast.FunctionDef) and any(isinstance(c, ast.Call) and _called_name(c)[:1].isupper() for c in ast.walk(n))
    ]


TOP_LEVEL_RESOURCE = re.compile(r"^(?:[A-Za-z_][\w, ]*=\s*)?[A-Za-z_][\w.]*\.[A-Z]\w*\(")


def declares_resources(code: str) -> bool:
    """Imports pulumi and, in its top-level statements, calls a capitalised name (a resource class) or
    one of its own functions that does (`stack = create_stack()`); for code that does not parse (a
    cut-off or malformed answer), an unindented `x = aws.s3.Bucket(` line."""
    if not imports_pulumi(code):
        return False
    tree = python_tree(code)
    if tree is None:
        return any(TOP_LEVEL_RESOURCE.match(line) for line in code.splitlines())
    called = top_level_calls(code)
    return any(name[:1].isupper() for name in called) or bool(called & {f.name for f in resource_functions(code)})


def with_main(text: str, main: str | None) -> str:
    """Pulumi.yaml text with its top-level `main` set to `main` (dropped for None), other lines kept."""
    lines = [line for line in text.splitlines(keepends=True) if not re.match(r"main\s*:", line)]
    if main is not None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(f"main: {main}\n")
    return "".join(lines)


def settle_entry(files: dict[str, str], settings_text: str) -> str:
    """Make Pulumi.yaml's entry point exist: when the answer lacks the file `main` names, run its own
    entry point in that directory, else a scaffolded tap.py, else its entry point elsewhere. The
    settings text is returned, `main` changed only when it named a missing file."""
    settings = yaml.safe_load(settings_text) or {}
    entry = entry_file(settings if isinstance(settings, dict) else {})
    if entry in files:
        return settings_text
    own = [path for path in ENTRY_POINTS if path in files]
    here = [path for path in own if PurePosixPath(path).parent == PurePosixPath(entry).parent]
    if not here:
        tap = scaffold_entry(files)
        if tap:
            files["tap.py"] = tap
            here = ["tap.py"]
    chosen = (here or own or [None])[0]
    if chosen is None or chosen == entry:
        return settings_text
    return with_main(settings_text, None if chosen == "__main__.py" else chosen)


class NoProgram(ProjectError):
    """The response holds no Pulumi program to run: an outcome of its own (`no_code`), not bad input."""


def no_program(source: Path, text: str) -> NoProgram:
    what = "code, but no Pulumi program (snippets, or a program for another tool)" if has_code(text) else "no code at all"
    return NoProgram(f"{source.name} holds {what}")


def bare_note(response: str, bare: BareProgram, path: str) -> str:
    where = f"{response} lines {bare.first}-{bare.last}"
    if bare.parses:
        return f"{path} taken from {where}: Python written without code fences (the prose around it left out)"
    return f"{path} taken from {where} as written: Python without code fences that does not parse (its layout is mangled)"


@dataclass(frozen=True)
class Materialized:
    root: Path
    notes: tuple[str, ...]  # what was made up or moved, for the report: a QA engineer's setup steps


def _setup_notes(
    response: str,
    written: list[str],
    from_blocks: set[str],
    given: set[str],
    restored: dict[str, str],
    placed: dict[str, str],
    config: dict[str, tuple[str, str]],
    bare: tuple[str, BareProgram] | None = None,
) -> list[str]:
    """One line for each thing the project holds that the answer's code blocks did not give as is;
    `config` maps each key to (value, where the answer set it); `bare` is (path, program) when the
    program had no code fences."""
    fenced = len(from_blocks) - (1 if bare else 0)
    notes = [f"{fenced} file(s) written from {response}'s code blocks"] if fenced or not bare else []
    notes += [bare_note(response, bare[1], bare[0])] if bare else []
    notes += [f"{path} scaffolded from config/scaffold/ (the answer has none)" for path in written if path not in given]
    notes += [f"{path} taken from the answer's reasoning part ({why})" for path, why in restored.items()]
    notes += [f"{old} placed at {new}, where the answer's own imports look for it" for old, new in placed.items()]
    notes += [f"config {key} = {value!r} from the answer's {where}" for key, (value, where) in config.items()]
    return notes


def materialize(case_dir: Path, target: Path, response: str = "MODEL_RESPONSE.md") -> Materialized:
    """Write the project the response describes into `target` (new or empty): its root, and notes
    on what the answer's code blocks did not give as is."""
    case_dir, target = Path(case_dir), Path(target)
    source = case_dir / response
    if not source.is_file():
        raise ProjectError(f"{source}: no such response file")
    if target.exists() and any(target.iterdir()):
        raise ProjectError(f"{target}: already exists and is not empty")
    text, encoding_note = case_text(case_dir, response)
    settings_text = None
    files: dict[str, str] = {}
    bare: tuple[str, BareProgram] | None = None
    for part in dict.fromkeys((answer_part(text), text)):  # the answer alone first, the whole text if it has no code
        blocks = parse_blocks(part)
        settings_text = pulumi_settings(case_dir, {b.path: b.code for b in blocks if writable(b)}, response)
        settings = yaml.safe_load(settings_text) or {}
        entry = entry_file(settings if isinstance(settings, dict) else {})
        files = choose_files(blocks, entry)
        if not any(path.endswith(".py") for path in files) and (program := bare_program(part)):
            unfenced = Block("python", program.code, None, program.first)
            files = choose_files([*blocks, unfenced], entry)
            bare = next(((path, program) for path, code in files.items() if code == program.code), None)
        answered = set(files)
        restored: dict[str, str] = {}
        if any(path.endswith(".py") for path in files):
            if part != text:
                everything = parse_blocks(text)
                reused = reused_modules(files, everything)
                files.update(reused)
                completed = completed_modules(files, everything)
                files.update(completed)
                read = read_files(files, everything)
                files.update(read)
                restored = {
                    **dict.fromkeys(reused, "the answer imports it without showing it"),
                    **dict.fromkeys(completed, "the answer's copy is cut off"),
                    **dict.fromkeys(read, "the program reads it there"),
                }
            break
    else:
        raise no_program(source, text)
    placed = place_by_imports(files)
    stack_file, from_stack_file = stack_file_config(files)
    config = {  # an explicit `pulumi config set` step wins over the stack file
        **{key: (value, stack_file) for key, value in from_stack_file.items()},
        **{key: (value, "own `pulumi config set` steps") for key, value in documented_config(text).items()},
    }
    own_settings = (case_dir / "Pulumi.yaml").is_file() or "Pulumi.yaml" in answered
    answered.discard("Pulumi.yaml")
    files["Pulumi.yaml"] = with_config_defaults(settle_entry(files, settings_text), {key: value for key, (value, _) in config.items()})
    if any(path.startswith("lib/") and path.endswith(".py") for path in files):
        files.setdefault("lib/__init__.py", render("lib/__init__.py"))
    target.mkdir(parents=True, exist_ok=True)
    for path, code in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(code)
    given = answered | set(restored) | set(placed.values()) | ({"Pulumi.yaml"} if own_settings else set())
    notes = [encoding_note] if encoding_note else []
    notes += _setup_notes(response, list(files), answered, given, restored, placed, config, bare)
    return Materialized(target.resolve(), tuple(notes))
