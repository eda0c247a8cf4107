"""How a module names things from the `pulumi` package, and adding `import pulumi` when it does not.

Fixers that write `pulumi.ResourceOptions(...)` or `pulumi.Output.json_dumps(...)` use the
module's own spelling (`import pulumi as p`, `from pulumi import ResourceOptions`), so the
patched code reads like the author's.
"""

from __future__ import annotations

import libcst as cst

from agent.core.cst import dotted_name
from agent.core.fixes import Edit, edit_file
from agent.core.project import Project

PACKAGE = "pulumi"


def imported_names(module: cst.Module) -> dict[str, str]:
    """Top-level import bindings: {"p": "pulumi", "ResourceOptions": "pulumi.ResourceOptions", "json": "json"}."""
    names: dict[str, str] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = dotted_name(alias.name) or ""
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        names[alias.asname.name.value] = full
                    else:
                        names[full.split(".")[0]] = full.split(".")[0]
            elif isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
                if isinstance(small.names, cst.ImportStar):
                    continue
                module_name = dotted_name(small.module)
                for alias in small.names:
                    local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else dotted_name(alias.name)
                    if module_name and local:
                        names[local] = f"{module_name}.{dotted_name(alias.name)}"
    return names


def spelling(names: dict[str, str], attribute: str) -> tuple[str, bool]:
    """How to write `pulumi.<attribute>` in the module, and whether `import pulumi` must be added."""
    for local, full in names.items():
        if full == f"{PACKAGE}.{attribute}":
            return local, False
    for local, full in names.items():
        if full == PACKAGE:
            return f"{local}.{attribute}", False
    return f"{PACKAGE}.{attribute}", True


def _imported_module(statement: cst.BaseStatement) -> str | None:
    """The module a top-level import line imports ("" for `from __future__`), None for other lines."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    small = statement.body[0]
    if isinstance(small, cst.Import):
        return dotted_name(small.names[0].name) or ""
    if isinstance(small, cst.ImportFrom):
        name = dotted_name(small.module) if small.module is not None else None
        return "" if name in (None, "__future__") else name
    return None


def with_import(module: cst.Module, package: str = PACKAGE) -> cst.Module:
    """The module with `import <package>` among its top-level imports, in alphabetical place where it can."""
    body = list(module.body)
    imports = [(i, name) for i, name in ((i, _imported_module(s)) for i, s in enumerate(body)) if name is not None]
    later = [i for i, name in imports if name >= package]  # `import x` before `from x import y`, as isort orders them
    index = later[0] if later else (imports[-1][0] + 1 if imports else 0)
    statement = cst.parse_statement(f"import {package}\n")
    if later:  # the new line takes the blank lines/comments above the one it precedes
        statement = statement.with_changes(leading_lines=body[index].leading_lines)
        body[index] = body[index].with_changes(leading_lines=())
    body.insert(index, statement)
    return module.with_changes(body=body)


def edit_with_import(project: Project, path: str, after: cst.Module, needs_import: bool) -> Edit | None:
    """The Edit turning `path` into `after`, with `import pulumi` added when the rewrite needs it."""
    return edit_file(project, path, (with_import(after) if needs_import else after).code)
