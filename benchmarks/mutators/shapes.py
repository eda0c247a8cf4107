"""Values of the wrong shape for the SDK's input types, and a required input left out.

dict_for_args_list:        `rules=[RuleArgs(a=1)]` -> `rules={"a": 1}` (one dict where the SDK types a list of Args).
scalar_for_list:           `subnet_ids=[subnet.id]` -> `subnet_ids=subnet.id` (one value where it types a list).
missing_required_argument: an input the SDK's Args class requires (no default) left out of the call.
The types are read from the installed SDK (agent.core.sdk), so each family covers every class.
"""

from __future__ import annotations

import importlib
import inspect

import libcst as cst

from agent.core import sdk
from benchmarks.mutators._base import Files, Mutation, Sites, python_files


def _one_item(arg: cst.Arg) -> cst.BaseExpression | None:
    value = arg.value
    if arg.keyword is None or not isinstance(value, cst.List) or len(value.elements) != 1:
        return None
    element = value.elements[0]
    return None if isinstance(element, cst.StarredElement) else element.value


def _as_dict(sites: Sites, node: cst.BaseExpression) -> cst.Dict | None:
    """An `...Args(k=v)` call as the dict `{"k": v}` the SDK's ...ArgsDict type describes."""
    if isinstance(node, cst.Dict):
        return node
    if not isinstance(node, cst.Call) or not (sites.class_path(node) or "").endswith("Args"):
        return None
    if not node.args or any(a.keyword is None for a in node.args):
        return None
    elements = [cst.DictElement(cst.SimpleString(f'"{a.keyword.value}"'), a.value) for a in node.args]
    return cst.Dict(elements)


def dict_for_args_list(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("dict_for_args_list", path, module)
        for arg in sites.nodes(cst.Arg):
            item = _one_item(arg)
            block = _as_dict(sites, item) if item is not None else None
            if block is not None:
                found.append(sites.replaced(arg.value, block))
    return found


def _called_class(sites: Sites, call: cst.Call) -> type | None:
    path = sites.class_path(call)
    return sdk.resolve(path) if path else None


def scalar_for_list(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("scalar_for_list", path, module)
        for call in sites.nodes(cst.Call):
            cls = _called_class(sites, call)
            if cls is None:
                continue
            for arg in call.args:
                item = _one_item(arg)
                if item is None or isinstance(item, (cst.Dict, cst.Call, cst.List)):
                    continue
                if sdk.is_list_input(cls, arg.keyword.value):
                    found.append(sites.replaced(arg.value, item))
    return found


def required_inputs(cls: type) -> set[str]:
    """Inputs the SDK's Args class for `cls` (or `cls` itself, an Args class) takes without a default."""
    args_cls = cls if cls.__name__.endswith("Args") else getattr(importlib.import_module(cls.__module__), cls.__name__ + "Args", None)
    if not isinstance(args_cls, type):
        return set()
    parameters = inspect.signature(args_cls.__init__).parameters.values()
    return {p.name for p in parameters if p.name != "self" and p.default is inspect.Parameter.empty and p.kind is p.KEYWORD_ONLY}


def missing_required_argument(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("missing_required_argument", path, module)
        for call in sites.nodes(cst.Call):
            cls = _called_class(sites, call)
            required = required_inputs(cls) if cls is not None else set()
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in required:
                    rest = [a for a in call.args if a is not arg]
                    if rest:
                        rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    found.append(sites.replaced(call, call.with_changes(args=rest)))
    return found
