"""Static preflight: find every SDK mismatch before the first run, so one attempt fixes them all.

A run stops at the first TypeError or AttributeError, so a project with five stale keywords
would take five runs. One libcst pass over each file checks pulumi_aws constructor and `...Args`
keywords and invoke keywords (`aws.ec2.get_subnets(vpc_id=...)`) against the installed
signatures, list literals given to single-valued inputs (agent/core/input_shape.py), literal values
of another type than their input's annotation (agent/core/input_types.py), Outputs used as plain
values (agent/core/output_uses.py), and output reads
on resources of any installed provider package (pulumi_aws, pulumi_random, ...) against the
installed classes. Names a file uses that nothing binds are reported too when RM016 knows their
import (`json`, `lambda_`) or one other project module defines them (RM031), as the NameError a
run would raise; so are names asked of a project module that binds none of them
(`from config import AWS_REGION`), as their ImportError. Each finding is built as the error a run
would raise (agent/core/run_errors.py), worded as Python words it, so the same fixers (RM001,
RM002) handle it; keywords of other providers are not checked, as RM001 resolves pulumi_aws
classes and invokes only.

Only certain findings are reported: calls whose keywords can be seen whole (no `*`/`**` splat,
no args object), and attribute reads whose receiver is bound exactly once in the file, to a
resource constructor call. A false finding would cost a wrong "fix".
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import libcst as cst
import pulumi
from libcst.metadata import PositionProvider

from agent.core import run_errors, sdk
from agent.core.cst import dotted_name, keyword, metadata, parse, unbound_uses
from agent.core.errors import DeployError
from agent.core.input_shape import lists_for_scalars
from agent.core.input_types import Mismatch, type_findings
from agent.core.output_uses import OutputUse, output_uses
from agent.core.output_values import Knowledge
from agent.core.project import Project
from agent.core.project_modules import defining_module, unimportable_names
from agent.core.run_errors import import_name, input_shape, undefined_name, unknown_argument, unknown_attribute

PHASE = "preflight"
_PULUMI_INSTANCE_ATTRIBUTES = {"package"}  # set by pulumi.ProviderResource.__init__
_KEYWORD_KINDS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)

# A receiver: ("", "cache") for a name, ("Cache", "self.cache") for `self.cache` inside class Cache.
Receiver = tuple[str, str]
# What a call's keywords reach: (the class owning the method, or None for an invoke; the
# function's name; the keywords it accepts), so the TypeError names the callee as Python does.
Checked = tuple[str | None, str, frozenset[str]]


def _is_resource(cls: type) -> bool:
    return issubclass(cls, pulumi.Resource) and "_internal_init" in vars(cls)


def _is_args(cls: type) -> bool:
    return bool(getattr(cls, "_pulumi_input_type", False)) and not issubclass(cls, dict)


@cache
def _checked_init(cls: type) -> Checked | None:
    """The method a call's keywords reach (`Eip._internal_init`, `BucketArgs.__init__`) and the
    keywords it accepts.

    None when anything goes: not a resource or Args class, or a signature taking **kwargs.
    """
    if _is_resource(cls):
        init = cls._internal_init
    elif _is_args(cls):
        init = cls.__init__
    else:
        return None
    params = inspect.signature(init).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    owner, _, method = init.__qualname__.rpartition(".")
    return owner, method, frozenset(p.name for p in params if p.kind in _KEYWORD_KINDS)


@cache
def _checked_invoke(function) -> Checked:
    """An invoke's name as Python words its TypeError, and every keyword it accepts (opts too)."""
    params = inspect.signature(function).parameters.values()
    return None, function.__name__, frozenset(p.name for p in params if p.kind in _KEYWORD_KINDS)


def _attribute_exists(cls: type, attribute: str) -> bool:
    """True also for what only instances hold: every input becomes an instance attribute at
    registration (aws.Provider's `default_tags` is no property), and pulumi's own state."""
    return (
        attribute.startswith("_")
        or attribute in _PULUMI_INSTANCE_ATTRIBUTES
        or hasattr(cls, "__getattr__")
        or attribute in sdk.output_properties(cls)
        or attribute in sdk.parameters(cls)
        or hasattr(cls, attribute)
    )


@dataclass
class _Read:
    receiver: Receiver
    attribute: str
    line: int


class _Scan(cst.CSTVisitor):
    """One pass over a file: bad keywords found on the way, bindings and attribute reads noted."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, aliases: dict[str, str], knowledge: Knowledge) -> None:
        super().__init__()
        self.path = path
        self.aliases = aliases
        self.knowledge = knowledge
        self.classes: list[str] = []
        self.findings: list[DeployError] = []
        self.bindings: Counter[Receiver] = Counter()
        self.constructed: dict[Receiver, type] = {}
        self.stored: set[tuple[Receiver, str]] = set()
        self.store_nodes: set[int] = set()
        self.reads: list[_Read] = []

    # ---- where things are ----------------------------------------------------
    def _line(self, node: cst.CSTNode) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    def _where(self, line: int) -> dict[str, Any]:
        return {"file": self.path, "line": line, "phase": PHASE}

    def _receiver(self, node: cst.BaseExpression) -> Receiver | None:
        if isinstance(node, cst.Name):
            return ("", node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
            return (".".join(self.classes), f"self.{node.attr.value}")
        return None

    # ---- bindings ------------------------------------------------------------
    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression | None = None) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value)
            return
        if isinstance(target, cst.StarredElement):
            self._bind(target.value)
            return
        receiver = self._receiver(target)
        if receiver is not None:
            self.bindings[receiver] += 1
            if isinstance(value, cst.Call):
                cls = sdk.class_of(value.func, self.aliases)
                if cls is not None and _is_resource(cls):
                    self.constructed[receiver] = cls
        if isinstance(target, cst.Attribute):
            self.store_nodes.add(id(target))
            owner = self._receiver(target.value)
            if owner is not None:
                self.stored.add((owner, target.attr.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind(node.name.name)

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        if node.name is not None:
            self._bind(node.name.name)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target)

    def visit_Param(self, node: cst.Param) -> None:
        self._bind(node.name)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name)
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self._bind(node.asname.name)
        else:
            self.bindings[("", (dotted_name(node.name) or "").split(".")[0])] += 1  # `import a.b` binds `a`

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self._bind(item.name)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            self._bind(item.name)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._bind(node.name)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._bind(node.name)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._bind(node.rest)

    # ---- reads and calls -----------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> None:
        if id(node) in self.store_nodes:
            return
        receiver = self._receiver(node.value)
        if receiver is not None:
            self.reads.append(_Read(receiver, node.attr.value, self._line(node.attr)))

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "setattr" and node.args:
            receiver = self._receiver(node.args[0].value)
            if receiver is not None:
                self.bindings[receiver] += 2  # attributes set by name: nothing certain about it
        cls = sdk.class_of(node.func, self.aliases)
        for found in lists_for_scalars(node, self.aliases):
            where = self._where(self._line(found.value))
            self.findings.append(input_shape(found.declared, found.name, found.cls.__name__, **where))
        for wrong in type_findings(node, self.knowledge):
            where = self._where(self._line(wrong.value if isinstance(wrong, Mismatch) else wrong.element))
            if isinstance(wrong, Mismatch):
                self.findings.append(run_errors.input_type(wrong.name, wrong.owner, wrong.expected, wrong.given, **where))
            else:
                self.findings.append(run_errors.unknown_key(wrong.key, wrong.owner, wrong.suggestion, **where))
        checked = _checked_init(cls) if cls is not None and sdk.package_of(cls.__module__) == sdk.PACKAGE else None
        if cls is None and (invoke := sdk.invoke_of(node.func, self.aliases)) is not None:
            checked = _checked_invoke(invoke)
        if checked is None or any(arg.star for arg in node.args):
            return
        positional = [arg for arg in node.args if arg.keyword is None]
        if cls is not None and _is_resource(cls):
            if len(positional) > 1 or keyword(node, "args") is not None:  # an args object: other keywords unread
                return
        elif cls is not None and positional:
            return
        owner, function, accepted = checked
        where = self._where(self._line(node.func.attr if isinstance(node.func, cst.Attribute) else node))
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value not in accepted:
                self.findings.append(unknown_argument(function, arg.keyword.value, cls=owner, **where))

    # ---- after the pass ------------------------------------------------------
    def attribute_findings(self) -> list[DeployError]:
        found = []
        for read in self.reads:
            cls = self.constructed.get(read.receiver)
            if cls is None or self.bindings[read.receiver] != 1:
                continue
            if (read.receiver, read.attribute) in self.stored or _attribute_exists(cls, read.attribute):
                continue
            close = sdk.closest_output(cls, read.attribute)
            found.append(unknown_attribute(cls.__name__, read.attribute, close, **self._where(read.line)))
        return found


def _output_error(use: OutputUse, where: dict[str, Any]) -> DeployError:
    """A misuse of an Output (agent/core/output_uses.py) as the error Python raises, or, where
    Python raises none, as the text the value would hold."""
    expression = cst.Module([]).code_for_node(use.output)
    if use.use == "called":
        return run_errors.output_called(**where)
    if use.use in ("attribute", "apply_on_plain"):
        attribute = use.node.attr.value if isinstance(use.node, cst.Attribute) else "apply"
        return unknown_attribute(use.plain, attribute, **where)
    if use.use == "dict_key":
        return run_errors.output_key(expression, **where)
    if use.use == "json":
        return run_errors.output_json(**where)
    how = {"format": "str.format", "format_spec": "a conversion or format spec", "fstring": "an f-string"}[use.use]
    return run_errors.output_as_string(expression, how, **where)


def _file_findings(path: str, module: cst.Module, aliases: dict[str, str]) -> list[DeployError]:
    knowledge = Knowledge(module)
    scan = _Scan(path, aliases, knowledge)
    wrapper = metadata(module)
    wrapper.visit(scan)
    positions = wrapper.resolve(PositionProvider)
    uses = [_output_error(use, scan._where(positions[use.node].start.line)) for use in output_uses(module, knowledge)]
    return sorted(scan.findings + scan.attribute_findings() + uses, key=lambda error: (error.line, error.message))


def static_errors(project: Project) -> list[DeployError]:
    """Every certain SDK mismatch in the project's code, and every well-known name a file uses
    without importing it, as the errors a run would raise one by one."""
    errors: list[DeployError] = []
    for path in project.python_files():
        text = project.read(path)
        module = parse(text)
        if module is None:
            continue
        for line, source_module, name, source in unimportable_names(project, path, text):
            errors.append(import_name(name, source_module, source, file=path, line=line, phase=PHASE))
        for name, uses in sorted(unbound_uses(text).items(), key=lambda item: item[1][0].line):
            if sdk.import_statements(name) or defining_module(project, path, name):
                errors.append(undefined_name(name, file=path, line=uses[0].line, phase=PHASE))
        aliases = sdk.provider_aliases(module)
        if not aliases:
            continue
        seen: set[str] = set()
        for error in _file_findings(path, module, aliases):
            if error.message not in seen:
                seen.add(error.message)
                errors.append(error)
    return errors
