"""What a Pulumi Python SDK declares, read from its source with `ast` (nothing is imported).

Generated provider SDKs (pulumi_aws, pulumi_random, ...) follow one shape: resources subclass
pulumi.CustomResource (ComponentResource for awsx) and take keyword inputs in `_internal_init`
(or `__init__`), outputs are `@property` getters, `@pulumi.input_type` classes are the `...Args`,
`@pulumi.output_type` classes the nested outputs and `Get...Result`s, `class X(str, Enum)` the
enums and module-level `get_*` the data sources. The pulumi package itself is hand-written: its
classes are read as constructor inputs plus public methods and properties. Importing every old
major would need its dependencies and minutes per package; parsing the source needs neither.
"""

from __future__ import annotations

import ast
import re
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

SKIPPED_PARAMS = {"self", "__self__", "cls", "resource_name", "opts", "__props__", "__opts__"}
RESOURCE_BASES = ("CustomResource", "ComponentResource", "ProviderResource")
RE_EXPORTED_PRIVATE = {"_inputs.py", "_enums.py"}
NOT_TYPE_WORDS = {"Optional", "pulumi", "Input", "Output", "Union", "builtins", "typing", "Awaitable", "InputType", "None"}
DEPRECATED_SUBJECT = re.compile(r"^(?P<name>\w+) is deprecated: (?P<message>.*)$", re.S)


def source_files(location: Path, package: str) -> Iterator[tuple[str, str]]:
    """(path inside the distribution, text) of every .py file of the import package `package`, from
    an unpacked directory (its parent holds `package/`), a wheel or an sdist."""

    def wanted(name: str) -> str | None:
        parts = name.split("/")
        if package not in parts or not name.endswith(".py"):
            return None
        rel = "/".join(parts[parts.index(package) :])
        return rel if "/tests/" not in rel and "/proto/" not in rel else None

    if location.is_dir():
        for path in sorted((location / package).rglob("*.py")):
            rel = wanted(path.relative_to(location).as_posix())
            if rel:
                yield rel, path.read_text(encoding="utf-8", errors="replace")
    elif location.suffix == ".whl" or location.suffix == ".zip":
        with zipfile.ZipFile(location) as archive:
            for name in sorted(archive.namelist()):
                rel = wanted(name)
                if rel:
                    yield rel, archive.read(name).decode("utf-8", errors="replace")
    else:
        with tarfile.open(location, mode="r|*") as archive:  # streamed: a gzip tar has no cheap random access
            for member in archive:
                rel = wanted(member.name)
                if rel and member.isfile():
                    yield rel, archive.extractfile(member).read().decode("utf-8", errors="replace")


def public_module(rel: str) -> str | None:
    """The module users import a file's names from: pulumi_aws/s3/bucket.py -> pulumi_aws.s3; None for private files."""
    parts = rel.removesuffix(".py").split("/")
    *dirs, file = parts
    if any(d.startswith("_") for d in dirs) or (file.startswith("_") and file + ".py" not in RE_EXPORTED_PRIVATE and file != "__init__"):
        return None
    return ".".join(dirs)


def type_words(annotation: ast.expr | None) -> str:
    """An annotation reduced to what it names: `Optional[pulumi.Input[Sequence[pulumi.Input['XArgs']]]]` -> "Sequence XArgs".
    Majors spell one type differently (`_builtins.str` for `str`; an output type `outputs.X` accepted
    beside `XArgs`), so qualifiers and those alternatives are left out."""
    if annotation is None:
        return ""
    text = ast.unparse(annotation).replace("'", " ").replace('"', " ")
    text = re.sub(r"\b_?builtins\.", " ", text)
    text = re.sub(r"\boutputs\.(\w+)", lambda m: " " if f"{m[1]}Args" in text else m[1], text)
    words = re.findall(r"[A-Za-z_]\w*", text)
    return " ".join(w for w in words if w not in NOT_TYPE_WORDS and not w.endswith("ArgsDict"))


def _name_of(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _decorators(node: ast.ClassDef | ast.FunctionDef) -> set[str]:
    return {ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list}


def _deprecated_decorator(node: ast.ClassDef | ast.FunctionDef) -> str | None:
    for d in node.decorator_list:
        if isinstance(d, ast.Call) and _name_of(d.func) == "deprecated" and d.args and isinstance(d.args[0], ast.Constant):
            return str(d.args[0].value)
    return None


def _params(function: ast.FunctionDef) -> dict[str, str]:
    args = function.args
    listed = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return {a.arg: type_words(a.annotation) for a in listed if a.arg not in SKIPPED_PARAMS}


def _strings_in_calls(node: ast.AST, callee: str) -> Iterator[ast.Call]:
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and _name_of(call.func) == callee:
            yield call


def _warnings(node: ast.AST) -> dict[str, str]:
    """`pulumi.log.warn("x is deprecated: use y")` in a body: {"x": "use y"}."""
    found = {}
    for call in _strings_in_calls(node, "warn"):
        if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            matched = DEPRECATED_SUBJECT.match(call.args[0].value.strip())
            if matched:
                found[matched["name"]] = " ".join(matched["message"].split())
    return found


def _token(node: ast.AST, callee: str) -> str | None:
    """The type token a resource passes to `__init__` or an invoke to `invoke`: "aws:s3/bucket:Bucket"."""
    for call in _strings_in_calls(node, callee):
        if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) and ":" in call.args[0].value:
            return call.args[0].value
    return None


def _aliases(node: ast.ClassDef) -> list[str]:
    found = []
    for call in _strings_in_calls(node, "Alias"):
        for kw in call.keywords:
            if kw.arg == "type_" and isinstance(kw.value, ast.Constant) and kw.value.value not in found:
                found.append(kw.value.value)
    return found


def _properties(node: ast.ClassDef) -> tuple[dict[str, str], dict[str, str]]:
    outputs, deprecated = {}, {}
    for item in node.body:
        is_property = any(d.rpartition(".")[2] == "property" for d in _decorators(item)) if isinstance(item, ast.FunctionDef) else False
        if is_property and not item.name.startswith("_"):
            outputs[item.name] = type_words(item.returns)
            message = _deprecated_decorator(item)
            if message:
                deprecated[item.name] = " ".join(message.split())
    return outputs, deprecated


def _methods(node: ast.ClassDef, name: str) -> list[ast.FunctionDef]:
    return [item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == name]


def _class_entry(node: ast.ClassDef, generated: bool) -> dict | None:
    bases = [_name_of(b) for b in node.bases]
    decorators = _decorators(node)
    entry: dict = {}
    if "Enum" in bases:
        members = {}
        for item in node.body:
            if isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
                if isinstance(item.value, ast.Constant):
                    members[item.targets[0].id] = item.value.value
        return {"kind": "enum", "members": members}
    if any(b in RESOURCE_BASES for b in bases):
        entry["kind"] = "resource"
        init = _methods(node, "_internal_init") or _methods(node, "__init__")
        inputs: dict[str, str] = {}
        for function in init:
            for param, words in _params(function).items():
                if param not in ("args", "id", "__name__") and (words or param not in inputs):
                    inputs[param] = words
        entry["inputs"] = inputs
        entry["outputs"], deprecated = _properties(node)
        entry["token"] = _token(node, "__init__")
        entry["aliases"] = _aliases(node)
        deprecated.update(_warnings(node))
    elif "pulumi.input_type" in decorators:
        entry["kind"] = "args"
        entry["inputs"] = _params(_methods(node, "__init__")[0]) if _methods(node, "__init__") else {}
        deprecated = _warnings(node)
        deprecated.update(_properties(node)[1])
    elif "pulumi.output_type" in decorators:
        entry["kind"] = "output_type"
        entry["outputs"], deprecated = _properties(node)
    elif generated:
        return None  # TypedDicts, state classes and other plumbing
    else:
        entry["kind"] = "class"
        init = _methods(node, "__init__")
        entry["inputs"] = _params(init[0]) if init else {}
        entry["outputs"] = {
            item.name: type_words(item.returns)
            for item in node.body
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_")
        }
        deprecated = {}
    own = _deprecated_decorator(node) or deprecated.pop(node.name, None)
    if own:
        entry["deprecated"] = own
    if deprecated:
        entry["deprecations"] = deprecated
    return entry


def _function_entry(node: ast.FunctionDef) -> dict:
    entry = {"kind": "function", "inputs": _params(node), "returns": type_words(node.returns), "token": _token(node, "invoke")}
    own = _deprecated_decorator(node) or _warnings(node).get(node.name)
    if own:
        entry["deprecated"] = own
    return entry


def _file_module(rel: str) -> str:
    """pulumi/runtime/resource.py -> pulumi.runtime.resource; a package's __init__.py -> the package."""
    return rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _re_exports(package: str, tree: ast.Module) -> dict[str, tuple[str, str]]:
    """What a package's `__init__` imports from elsewhere: {public name: (module, name there)}."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
        source = ".".join([*base, node.module] if node.module else base)
        for alias in node.names:
            if alias.name != "*" and not (alias.asname or alias.name).startswith("_"):
                found[alias.asname or alias.name] = (source, alias.name)
    return found


def _public_homes(defined: dict[str, dict[str, dict]], exports: dict[str, dict[str, tuple[str, str]]]) -> dict[tuple[str, str], str]:
    """For a hand-written package: (defining module, name) -> the shortest package that exports it,
    following re-exports of re-exports (`pulumi.Output` is defined in pulumi/output.py)."""

    def origin(source: str, name: str) -> tuple[str, str]:
        for _ in range(5):  # a chain of re-exports, never a loop
            if name in defined.get(source, {}) or name not in exports.get(source, {}):
                break
            source, name = exports[source][name]
        return source, name

    candidates = [(package, (package, name)) for package in exports for name in defined.get(package, {})]
    candidates += [(package, origin(*imported)) for package in exports for imported in exports[package].values()]
    homes: dict[tuple[str, str], str] = {}
    for package, (source, name) in candidates:
        if name in defined.get(source, {}) and package.count(".") < homes.get((source, name), package + ".").count("."):
            homes[(source, name)] = package
    return homes


def _entries(tree: ast.Module, generated: bool) -> Iterator[tuple[str, dict]]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            entry = _class_entry(node, generated)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            if generated and (not node.name.startswith("get_") or node.name.endswith("_output")):
                continue  # an invoke's _output twin takes the same inputs
            entry = _function_entry(node)
        else:
            continue
        if entry is not None:
            yield node.name, entry


def _generated_inventory(files: Iterator[tuple[str, str]]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for rel, text in files:
        module = public_module(rel)
        if module is None:
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for name, entry in _entries(tree, True):
            key = f"{module}.{name}"
            # s3's output type `BucketLogging` (outputs.py) shares its name with the BucketLogging resource,
            # which is what `aws.s3.BucketLogging` is
            if entry["kind"] == "output_type" and found.get(key, {}).get("kind", "output_type") != "output_type":
                continue
            found[key] = entry
    return found


def _hand_written_inventory(files: Iterator[tuple[str, str]]) -> dict[str, dict]:
    """Names keyed by the package a program imports them from (`pulumi.Output`, `pulumi.automation.Stack`),
    as the packages' `__init__` files re-export them; a name no `__init__` exports is private and left out."""
    defined: dict[str, dict[str, dict]] = {}
    exports: dict[str, dict[str, tuple[str, str]]] = {}
    for rel, text in files:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        module = _file_module(rel)
        defined[module] = dict(_entries(tree, False))
        if rel.endswith("/__init__.py"):
            exports[module] = _re_exports(module, tree)
    homes = _public_homes(defined, exports)
    return {
        f"{homes[(module, name)]}.{name}": entry
        for module, names in defined.items()
        for name, entry in names.items()
        if (module, name) in homes
    }


def inventory(files: Iterator[tuple[str, str]], generated: bool) -> dict[str, dict]:
    """{"pulumi_aws.s3.Bucket": {kind, inputs, outputs, token, aliases, deprecations, ...}} for every public name."""
    return _generated_inventory(files) if generated else _hand_written_inventory(files)
