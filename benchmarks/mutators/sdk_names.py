"""Names from an older SDK, and a class asked of the wrong module.

old_argument: a keyword its class took under another name in an earlier SDK (`db_name=` -> `name=`).
old_class:    a class or module under its earlier name (`s3.BucketReplicationConfig` -> `...Configuration`).
old_output:   an output read under its earlier name (`password.result` -> `password.random_password`).
wrong_module: a resource class asked of another service module that lacks it (`aws.s3.Bucket` -> `aws.ec2.Bucket`).
own_resource_inlined: a resource that took over inputs of its owner folded back into the owner's call
              (`SecretRotation(secret_id=s.id, rotation_rules=...)` -> `Secret(..., rotation_rules=...)`).
The renames come from benchmarks/sdk_history.py, the inputs taken over from config/sdk_history.json.
"""

from __future__ import annotations

import importlib

import libcst as cst

from agent.core import sdk, sdk_history
from agent.core.cst import dotted_name, with_keyword_added
from benchmarks.mutators._base import Files, Mutation, Sites, literal, python_files
from benchmarks.sdk_history import of_kind

FALLBACK_MODULES = ("ec2", "iam", "s3")  # where a model most often looks for a class it misplaces


def _value_node(value: object) -> cst.BaseExpression:
    return cst.parse_expression(repr(value))


def old_argument(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("old_argument", path, module)
        for call in sites.nodes(cst.Call):
            target = (sites.class_path(call) or "").split(".")
            for rename in of_kind("argument"):
                if target[-1] != rename.cls or target[0] != rename.module.split(".")[0]:
                    continue  # the class by name within its package: the data may name its module file
                arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == rename.new), None)
                if arg is None or (rename.new_value is not None and literal(arg.value) != rename.new_value):
                    continue
                value = _value_node(rename.value) if rename.value is not None else arg.value
                found.append(sites.replaced(arg, arg.with_changes(keyword=cst.Name(rename.old), value=value)))
    return found


def _in_alias_form(old_path: str, node: cst.Attribute, aliases: dict[str, str]) -> cst.BaseExpression | None:
    """`old_path` written from the same import the node is written from (`aws.` for pulumi_aws)."""
    head = (dotted_name(node) or "").split(".")[0]
    bound = aliases.get(head)
    if bound is None or not old_path.startswith(bound + "."):
        return None
    return cst.parse_expression(head + old_path[len(bound) :])


def _still_there(path: str) -> bool:
    """Whether the installed SDK still has the old name (a deprecated alias): writing it breaks nothing."""
    module, _, name = path.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def old_class(files: Files) -> list[Mutation]:
    found = []
    renames = [r for r in of_kind("class") + of_kind("module") if not _still_there(f"{r.module}.{r.old}")]
    for path, module in python_files(files):
        sites = Sites("old_class", path, module)
        for node in sites.nodes(cst.Attribute):
            current = sdk.full_path(node, sites.aliases)
            for rename in renames:
                if current == f"{rename.new_module or rename.module}.{rename.new}":
                    old = _in_alias_form(f"{rename.module}.{rename.old}", node, sites.aliases)
                    if old is not None:
                        found.append(sites.replaced(node, old))
    return found


def _holders(sites: Sites, cls: str, package: str) -> set[str]:
    """Names (`db`, `self.db`) assigned an instance of the class in this file."""
    held = set()
    for assign in sites.nodes(cst.Assign):
        if isinstance(assign.value, cst.Call):
            target = sites.class_path(assign.value) or ""
            if target.startswith(package + ".") and target.endswith("." + cls):
                held |= {dotted_name(t.target) for t in assign.targets} - {None}
    return held


def old_output(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("old_output", path, module)
        for rename in of_kind("output"):
            holders = _holders(sites, rename.cls, rename.module.split(".")[0])
            for node in sites.nodes(cst.Attribute):
                if node.attr.value == rename.new and dotted_name(node.value) in holders:
                    found.append(sites.replaced(node, node.with_changes(attr=cst.Name(rename.old))))
    return found


def wrong_module(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("wrong_module", path, module)
        paths = {sdk.full_path(node, sites.aliases) or "" for node in sites.nodes(cst.Attribute)}
        used = sorted({p.split(".")[1] for p in paths if p.startswith(sdk.PACKAGE + ".") and sdk.is_service_module(p.split(".")[1])})
        for call in sites.nodes(cst.Call):
            target = sites.class_path(call) or ""
            parts = target.split(".")
            if len(parts) != 3 or parts[0] != sdk.PACKAGE or not isinstance(call.func, cst.Attribute) or sdk.resolve(target) is None:
                continue
            others = [m for m in (*used, *FALLBACK_MODULES) if m != parts[1] and sdk.resolve(f"{sdk.PACKAGE}.{m}.{parts[2]}") is None]
            moved = _in_alias_form(f"{sdk.PACKAGE}.{others[0]}.{parts[2]}", call.func, sites.aliases) if others else None
            if moved is not None:
                found.append(sites.replaced(call.func, moved))
    return found


def _taken_inputs() -> dict[str, dict[str, str]]:
    """{new resource path: {input: owner path}}: inputs an earlier major's owner took that a
    resource of its own takes now (config/sdk_history.json's removals with a replacement)."""
    found: dict[str, dict[str, str]] = {}
    for change in sdk_history.changes():
        if change.kind == "argument" and change.new is None and change.replacement is not None:
            found.setdefault(".".join(change.replacement), {})[change.old] = f"{change.module}.{change.owner}"
    return found


class _Inlined(cst.CSTTransformer):
    """The own resource's statement removed and its inputs given to the owner's call instead."""

    def __init__(self, line: cst.SimpleStatementLine, owner: cst.Call, inputs: list[cst.Arg]) -> None:
        self.line, self.owner, self.inputs = line, owner, inputs

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine):
        return cst.RemoveFromParent() if original_node is self.line else updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if original_node is not self.owner:
            return updated_node
        args = updated_node.args
        for arg in self.inputs:
            args = with_keyword_added(args, arg)
        return updated_node.with_changes(args=args)


def own_resource_inlined(files: Files) -> list[Mutation]:
    found, taken = [], _taken_inputs()
    for path, module in python_files(files):
        sites = Sites("own_resource_inlined", path, module)
        owners = {
            sites.code(s.targets[0].target): s.value
            for s in sites.nodes(cst.Assign)
            if len(s.targets) == 1 and isinstance(s.value, cst.Call)
        }
        for line in sites.nodes(cst.SimpleStatementLine):
            statement = line.body[0] if len(line.body) == 1 else None
            call = statement.value if isinstance(statement, (cst.Assign, cst.Expr)) else None
            inputs = taken.get(sites.class_path(call) or "") if isinstance(call, cst.Call) else None
            moved = [a for a in call.args if a.keyword and a.keyword.value in inputs] if inputs else []
            others = [a for a in call.args[1:] if a not in moved] if moved else []
            references = [a for a in others if a.keyword and a.keyword.value != "opts"]
            owner = owners.get((dotted_name(references[0].value) or "").rpartition(".")[0]) if len(references) == 1 else None
            if owner is None or any(sites.class_path(owner) != inputs[a.keyword.value] for a in moved):
                continue
            mutated = module.visit(_Inlined(line, owner, moved)).code
            found.append(
                Mutation("own_resource_inlined", path, sites.line(line), sites.code(line), "", lambda text=mutated, p=path: {p: text})
            )
    return found
