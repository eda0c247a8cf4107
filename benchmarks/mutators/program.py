"""Slips in the program itself: an import left out, an Output formatted as text, no entry point.

dropped_import:      one name an import binds, and the file uses, is no longer imported.
output_in_fstring:   an Output joined into text the Pulumi way (`Output.concat(...)`, or
                     `x.apply(lambda v: f"...{v}...")`) written as a plain f-string of the Output.
missing_entry_point: Pulumi.yaml's `main:` dropped (Pulumi then looks for a root __main__.py), or
                     the entry file itself missing.
"""

from __future__ import annotations

import libcst as cst
import yaml

from agent.core import sdk
from agent.core.cst import dotted_name
from benchmarks.mutators._base import Files, Mutation, Sites, python_files


def _bound(alias: cst.ImportAlias) -> str | None:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return (dotted_name(alias.name) or "").split(".")[0] or None


def _names_in(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name.value)

    node.visit(_Names())
    return found


def dropped_import(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("dropped_import", path, module)
        used = _names_in(module)
        for line in module.body:
            if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
                continue
            statement = line.body[0]
            if not isinstance(statement, (cst.Import, cst.ImportFrom)) or isinstance(statement.names, cst.ImportStar):
                continue
            if isinstance(statement, cst.ImportFrom) and (statement.relative or dotted_name(statement.module) == "__future__"):
                continue
            own = _names_in(line)
            for alias in statement.names:
                name = _bound(alias)
                if name is None or used.count(name) <= own.count(name):
                    continue  # bound but never used: dropping it breaks nothing
                rest = [a for a in statement.names if a is not alias]
                if rest:
                    rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    found.append(sites.replaced(line, line.with_changes(body=[statement.with_changes(names=rest)])))
                else:
                    found.append(sites.replaced(line, cst.RemoveFromParent()))
    return found


def _text(value: str) -> str:
    return value.replace("{", "{{").replace("}", "}}").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _fstring(parts: list[str]) -> cst.BaseExpression:
    return cst.parse_expression('f"' + "".join(parts) + '"')


def _concat_as_fstring(sites: Sites, call: cst.Call, names: dict[str, str]) -> cst.BaseExpression | None:
    if sdk.full_path(call.func, names) != "pulumi.Output.concat" or not call.args or any(a.keyword or a.star for a in call.args):
        return None
    parts = []
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            parts.append(_text(arg.value.evaluated_value))
        elif isinstance(arg.value, cst.FormattedString) or '"' in sites.code(arg.value) or "\n" in sites.code(arg.value):
            return None
        else:
            parts.append("{" + sites.code(arg.value) + "}")
    return _fstring(parts) if any(not isinstance(a.value, cst.SimpleString) for a in call.args) else None


def _apply_as_fstring(sites: Sites, call: cst.Call) -> cst.BaseExpression | None:
    """`x.apply(lambda v: f"..{v}..")` -> f"..{x}.." when v appears only as whole fields."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "apply" and len(call.args) == 1):
        return None
    receiver, fn = dotted_name(func.value), call.args[0].value
    if receiver is None or not isinstance(fn, cst.Lambda) or len(fn.params.params) != 1 or not isinstance(fn.body, cst.FormattedString):
        return None
    param = fn.params.params[0].name.value
    fields = [p for p in fn.body.parts if isinstance(p, cst.FormattedStringExpression)]
    whole = [p for p in fields if isinstance(p.expression, cst.Name) and p.expression.value == param and not p.format_spec]
    if not whole or _names_in(fn.body).count(param) != len(whole) or fn.body.start != 'f"':
        return None
    parts = [
        ("{" + receiver + "}" if p in whole else sites.code(p)) if isinstance(p, cst.FormattedStringExpression) else p.value
        for p in fn.body.parts
    ]
    return _fstring(parts)


def output_in_fstring(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("output_in_fstring", path, module)
        names = sdk.imported_names(module)
        for call in sites.nodes(cst.Call):
            plain = _concat_as_fstring(sites, call, names) or _apply_as_fstring(sites, call)
            if plain is not None:
                found.append(sites.replaced(call, plain))
    return found


def missing_entry_point(files: Files) -> list[Mutation]:
    text = files.get("Pulumi.yaml")
    if text is None:
        return []
    try:
        main = (yaml.safe_load(text) or {}).get("main")
    except yaml.YAMLError:
        return []
    found = []
    if isinstance(main, str) and "__main__.py" not in files:
        lines = text.splitlines(keepends=True)
        at = [i for i, line in enumerate(lines) if line.startswith("main:")]
        if len(at) == 1:
            kept = "".join(lines[: at[0]] + lines[at[0] + 1 :])
            found.append(Mutation("missing_entry_point", "Pulumi.yaml", at[0] + 1, lines[at[0]].strip(), "", lambda: {"Pulumi.yaml": kept}))
    entry = main if isinstance(main, str) and main.endswith(".py") else "__main__.py" if not main else None
    if entry in files:
        found.append(Mutation("missing_entry_point", entry, 0, files[entry], "", lambda: {entry: None}))
    return found
