"""RM063: the entry point defines how to build the stack and never does it.

A program that runs clean but registers no resource deploys nothing. When its entry file defines
the one function that creates resources (a `main()`) and nothing calls it, or the one stack
component (a `ComponentResource` subclass, defined there or imported into it) and nothing
instantiates it, the author evidently meant the program to build it: the call is added at the end.

Before:
    def main():
        aws.s3.Bucket("logs")
After:
    def main():
        aws.s3.Bucket("logs")


    main()

Safety: safe for a function called with no arguments (nothing is guessed); unsafe for a component,
whose resource name (the class name) is chosen here. A function or component that needs an argument
the code does not make evident is declined, and so are several candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from agent.core.cst import dotted_name, parse
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from agent.core.project import Project
from agent.core.project_modules import entry_file


@dataclass(frozen=True)
class Builder:
    name: str  # the function or component class to call
    call: str  # the statement that builds the stack
    imports: str | None  # an import the call needs, when the entry lacks it
    safety: Safety


@dataclass(frozen=True)
class Uncalled:
    entry: str
    builders: tuple[Builder, ...]
    declined: tuple[str, ...]  # candidates that need an argument the code does not make evident


def _calls(node: cst.CSTNode):
    if isinstance(node, cst.Call):
        yield node
    for child in node.children:
        yield from _calls(child)


def called_names(project: Project) -> set[str]:
    """The last part of every name any project file calls, anywhere in it."""
    names = set()
    for path in project.python_files():
        module = parse(project.read(path))
        if module is not None:
            names |= {(dotted_name(call.func) or "").split(".")[-1] for call in _calls(module)}
    return names


def _required(function: cst.FunctionDef) -> list[str]:
    """Parameters without a default, `self` aside."""
    params = [*function.params.posonly_params, *function.params.params, *function.params.kwonly_params]
    names = [p.name.value for p in params if p.default is None]
    return names[1:] if names[:1] == ["self"] else names


def _init(cls: cst.ClassDef) -> cst.FunctionDef | None:
    return next((n for n in cls.body.body if isinstance(n, cst.FunctionDef) and n.name.value == "__init__"), None)


def _is_component(cls: cst.ClassDef) -> bool:
    return any((dotted_name(base.value) or "").split(".")[-1] == "ComponentResource" for base in cls.bases)


def _builds_resources(function: cst.FunctionDef) -> bool:
    return any((dotted_name(call.func) or "").split(".")[-1][:1].isupper() for call in _calls(function.body))


def _component_call(cls: cst.ClassDef, classes: dict[str, cst.ClassDef]) -> tuple[str, str | None] | str:
    """(the call's arguments, the Args class it needs or None) for a component, or why it cannot be built."""
    init = _init(cls)
    required = _required(init) if init is not None else ["name"]
    arguments, needs = [], None
    for index, parameter in enumerate(required):
        args_class = classes.get(f"{cls.name.value}Args")
        if index == 0 and parameter in ("name", "resource_name", "stack_name"):
            arguments.append(f'"{cls.name.value}"')
        elif (parameter == "args" or parameter.endswith("_args")) and args_class is not None and not _required_of(args_class):
            arguments.append(f"{args_class.name.value}()")
            needs = args_class.name.value
        else:
            return f"{cls.name.value} requires {parameter!r}, which the code gives no value for"
    return ", ".join(arguments), needs


def _required_of(cls: cst.ClassDef) -> list[str]:
    init = _init(cls)
    return _required(init) if init is not None else []


Classes = dict[str, cst.ClassDef]


def _classes(module: cst.Module) -> Classes:
    return {n.name.value: n for n in module.body if isinstance(n, cst.ClassDef)}


def _imported_classes(project: Project, module: cst.Module) -> dict[str, tuple[str, Classes]]:
    """Classes the entry imports by name from a project module: name -> (module, its classes)."""
    found = {}
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if not isinstance(small, cst.ImportFrom) or small.relative or small.module is None or isinstance(small.names, cst.ImportStar):
                continue
            dotted = dotted_name(small.module) or ""
            path = PurePosixPath(*dotted.split(".")).as_posix() + ".py"
            source = parse(project.read(path)) if (project.root / path).is_file() else None
            if source is None:
                continue
            classes = _classes(source)
            found.update({alias.name.value: (dotted, classes) for alias in small.names if alias.name.value in classes})
    return found


def uncalled(project: Project, entry: str) -> Uncalled | None:
    module = parse(project.read(entry)) if (project.root / entry).is_file() else None
    if module is None:
        return None
    called = called_names(project)
    bound = {n.name.value for n in module.body if isinstance(n, (cst.ClassDef, cst.FunctionDef))}
    builders, declined = [], []
    for node in module.body:
        if isinstance(node, cst.FunctionDef) and node.name.value not in called and _builds_resources(node):
            if _required(node):
                declined.append(f"{node.name.value}() requires {', '.join(_required(node))}")
            else:
                builders.append(Builder(node.name.value, f"{node.name.value}()", None, Safety.SAFE))
    imported = _imported_classes(project, module)
    for name, (source, classes) in {**imported, **dict.fromkeys(_classes(module), ("", _classes(module)))}.items():
        if not _is_component(classes[name]) or name in called:
            continue
        built = _component_call(classes[name], classes)
        if isinstance(built, str):
            declined.append(built)
            continue
        arguments, needs = built
        imports = f"from {source} import {needs}" if needs and needs not in bound and source and needs not in imported else None
        builders.append(Builder(name, f"{name}({arguments})", imports, Safety.UNSAFE))
    return Uncalled(entry, tuple(builders), tuple(declined)) if builders or declined else None


class UncalledProgram(Fixer[Uncalled]):
    id = "RM063"
    name = "python.uncalled-program"
    title = "Build the stack the entry point defines but never creates"
    kinds = frozenset({ErrorKind.NO_RESOURCES})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[Uncalled] | None:
        found = uncalled(ctx.project, entry_file(ctx.project))
        return Match(error, found) if found is not None else None

    def fix(self, match: Match[Uncalled], ctx: FixContext) -> FixResult:
        found = match.found
        if len(found.builders) != 1:
            named = [b.name for b in found.builders] or list(found.declined)
            why = "several definitions could build the stack" if len(found.builders) > 1 else "none can be built as written"
            return Skip(f"{found.entry} defines no single stack to build ({why}: {'; '.join(named)})")
        builder = found.builders[0]
        text = ctx.project.read(found.entry).rstrip("\n") + "\n\n\n"
        text += (f"{builder.imports}\n\n" if builder.imports else "") + builder.call + "\n"
        edit = edit_file(ctx.project, found.entry, text)
        if edit is None:
            return Skip(f"{found.entry} already calls {builder.name}")
        return Fix(
            edits=(edit,),
            change=f"{found.entry}: call {builder.call} at the end",
            why=(
                f"The program registered no resource: {found.entry} defines {builder.name}, which creates the resources, "
                "and nothing calls it."
            ),
            safety=builder.safety,
            file=found.entry,
        )
