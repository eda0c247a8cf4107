"""Slips in how a program uses Pulumi's own objects, and answers cut off mid-statement.

invoke_resource_options: an invoke's `opts=pulumi.InvokeOptions(...)` written as ResourceOptions.
registered_output_unset: a component's `self.k = <value>` left out, its `register_outputs({"k": ...})`
                         registering the value itself, while the program reads `component.k`.
assigned_output:         a provider resource's output assigned by the program right after the
                         resource is made (`stage.invoke_url = stage.invoke_url`).
cut_off_statement:       the file ends in the middle of its last statement, as an answer the model
                         stopped writing: cut just after the first argument of a call that spans lines.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from agent.core import sdk
from agent.core.cst import keyword
from benchmarks.mutators._base import Files, Mutation, Sites, python_files


def invoke_resource_options(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("invoke_resource_options", path, module)
        aliases, names = sdk.import_aliases(module), sdk.imported_names(module)
        for call in sites.nodes(cst.Call):
            given = keyword(call, "opts")
            if given is None or sdk.invoke_of(call.func, aliases) is None or not isinstance(given.value, cst.Call):
                continue
            options = given.value
            dotted = sites.code(options.func)
            if sdk.full_path(options.func, names) != "pulumi.InvokeOptions":
                continue
            spelled = dotted.replace("InvokeOptions", "ResourceOptions") if "." in dotted else "pulumi.ResourceOptions"
            if "." not in dotted and "pulumi" not in names:
                continue  # `from pulumi import InvokeOptions` alone: the variant would need an import too
            found.append(sites.replaced(options, options.with_changes(func=cst.parse_expression(spelled))))
    return found


REGISTER = m.Call(func=m.Attribute(value=m.Name("self"), attr=m.Name("register_outputs")), args=[m.Arg(m.Dict())])


def _read_outside(files: Files, attribute: str) -> bool:
    """Whether the program reads `<x>.attribute` on something other than self (the component from outside)."""
    texts = [text for path, text in files.items() if path.endswith(".py")]
    return sum(text.count(f".{attribute}") for text in texts) > sum(text.count(f"self.{attribute}") for text in texts)


class _Unset(cst.CSTTransformer):
    """The class with the line setting the attribute removed and the registered value spelled out, in one pass."""

    def __init__(self, line: cst.SimpleStatementLine, registered: cst.BaseExpression, value: cst.BaseExpression) -> None:
        self.line, self.registered, self.value = line, registered, value

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        return cst.RemoveFromParent() if original_node is self.line else updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return self.value if original_node is self.registered else updated_node


def registered_output_unset(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("registered_output_unset", path, module)
        for cls in sites.nodes(cst.ClassDef):
            registered = [call for call in m.findall(cls, REGISTER)]
            if len(registered) != 1:
                continue
            keys = {
                element.key.evaluated_value: element
                for element in registered[0].args[0].value.elements
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString)
            }
            for line in m.findall(cls, m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Attribute(m.Name("self")))])])):
                assign = line.body[0]
                name = assign.targets[0].target.attr.value
                element = keys.get(name)
                uses = sum(1 for _ in m.findall(cls, m.Attribute(value=m.Name("self"), attr=m.Name(name))))
                if element is None or uses != 2 or not m.matches(element.value, m.Attribute(m.Name("self"), m.Name(name))):
                    continue  # set once, read once (by register_outputs): the program outside reads it
                if not _read_outside(files, name):
                    continue
                found.append(sites.replaced(cls, cls.visit(_Unset(line, element.value, assign.value))))
    return found


def assigned_output(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("assigned_output", path, module)
        for line in sites.nodes(cst.SimpleStatementLine):
            if not m.matches(line, m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name())], value=m.Call())])):
                continue
            assign = line.body[0]
            cls = sdk.class_of(assign.value.func, sites.aliases)
            outputs = sorted(
                name
                for name in (sdk.output_properties(cls) - set(sdk.parameters(cls)) if isinstance(cls, type) else ())
                if isinstance(getattr(cls, name, None), property)  # a read-only output, not the runtime's `id`
            )
            if not outputs:
                continue
            target, output = assign.targets[0].target.value, outputs[0]
            extra = cst.parse_statement(f"{target}.{output} = {target}.{output}\n")
            code = sites.code(line) + module.code_for_node(extra)
            both = cst.FlattenSentinel([line, extra])
            found.append(
                Mutation(
                    "assigned_output",
                    path,
                    sites.line(line),
                    sites.code(line),
                    code,
                    lambda m=module, o=line, n=both, p=path: {p: m.deep_replace(o, n).code},
                )
            )
    return found


def cut_off_statement(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        text = files[path]
        sites = Sites("cut_off_statement", path, module)
        lines = text.splitlines(keepends=True)
        last = module.body[-1] if module.body else None
        if last is None:
            continue
        for call in m.findall(last, m.Call()):
            where = sites.positions.get(call)
            if where is None or where.end.line != len(lines) - _trailing_blank(lines) or len(call.args) < 2:
                continue  # only a call that runs to the file's end, cut inside its arguments
            first = sites.positions[call.args[0]]
            if first.end.line == where.end.line:
                continue
            cut = "".join(lines[: first.end.line])
            found.append(
                Mutation(
                    "cut_off_statement", path, first.end.line, "".join(lines[first.end.line :]), "", lambda cut=cut, path=path: {path: cut}
                )
            )
            break  # the outermost such call: one cut per file
    return found


def _trailing_blank(lines: list[str]) -> int:
    return len(lines) - len("".join(lines).rstrip("\n").splitlines())
