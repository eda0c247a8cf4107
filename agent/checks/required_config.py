"""Config the program requires that the stack does not set, found before the first run.

A run stops at the first `config.require("k")` whose key is unset, so a program requiring four
settings would take four runs. One pass over the code finds each `require*` call with a literal key
on a `pulumi.Config(...)` (called in place, or bound to a name or `self.` attribute) and reports
every key that neither the stack file, Pulumi.yaml's defaults nor the run's own config sets, as the
error Pulumi raises for it (agent/core/run_errors.py), for RM009. Secrets are left out: a run gives
them test values.
"""

from __future__ import annotations

import libcst as cst

from agent.core.config_defaults import is_secret_key
from agent.core.cst import dotted_name, nodes_with_lines, parse, string_value
from agent.core.errors import DeployError
from agent.core.project import Project
from agent.core.run_errors import missing_config
from agent.core.sdk import full_path, imported_names

REQUIRES = {"require", "require_int", "require_bool", "require_float", "require_object"}
PHASE = "preflight"


def _namespace(call: cst.BaseExpression, names: dict[str, str], project: str) -> str | None:
    """The namespace of a `pulumi.Config(...)` call (the project's by default), None for other expressions."""
    if not isinstance(call, cst.Call) or full_path(call.func, names) != "pulumi.Config":
        return None
    if not call.args:
        return project
    return string_value(call.args[0].value)  # a computed namespace: not certain, None


class _Requires(cst.CSTVisitor):
    def __init__(self, names: dict[str, str], project: str) -> None:
        self.names, self.project = names, project
        self.configs: dict[str, str | None] = {}  # bound name -> namespace (None: bound to something else too)
        self.required: list[tuple[cst.Call, str]] = []  # (require call, full key)

    def visit_Assign(self, node: cst.Assign) -> None:
        namespace = _namespace(node.value, self.names, self.project)
        for target in node.targets:
            bound = dotted_name(target.target)
            if bound is not None:
                known = self.configs.get(bound, namespace)
                self.configs[bound] = namespace if known == namespace else None

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value in REQUIRES and node.args):
            return
        key = string_value(node.args[0].value)
        receiver = node.func.value
        namespace = _namespace(receiver, self.names, self.project) or self.configs.get(dotted_name(receiver) or "")
        if key and namespace and not is_secret_key(key):
            self.required.append((node, f"{namespace}:{key}"))


def unset_required_config(project: Project, stack: str, given: set[str]) -> list[DeployError]:
    """A MISSING_CONFIG error for each key the code surely requires and nothing sets."""
    have = set(project.stack_config(stack)) | set(project.project_config()) | given
    errors, seen = [], set()
    for path in project.python_files():
        module = parse(project.read(path))
        if module is None:
            continue
        visitor = _Requires(imported_names(module), project.name)
        module.visit(visitor)
        unset = [(call, key) for call, key in visitor.required if key not in have]
        if not unset:
            continue
        lines = {node: line for node, line, _ in nodes_with_lines(module, cst.Call)}  # only when needed: slow on a big file
        for call, key in unset:
            if key not in seen:
                seen.add(key)
                errors.append(missing_config(key, file=path, line=lines.get(call), phase=PHASE))
    return errors
