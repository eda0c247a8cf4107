"""RM029: a helper names its resources after a parameter its callers fill with an Output.

`create_alarm(fn.name)` with `MetricAlarm(f"{function_name}-errors", ...)` inside: the logical name
holds pulumi's Output warning, not the name, and two calls give the same name (a duplicate URN).
The helper gets a keyword-only `<parameter>_key` for its names and each call passes the variable
the Output comes from; the Output still goes wherever else the helper uses it. Only done when every
call is a plain call in the helper's own file passing `<variable>.<output>`.

Before:
    def create_alarm(function_name):
        aws.cloudwatch.MetricAlarm(f"{function_name}-errors", dimensions={"FunctionName": function_name})
    create_alarm(orders_fn.name)
After:
    def create_alarm(function_name, *, function_name_key):
        aws.cloudwatch.MetricAlarm(f"{function_name_key}-errors", dimensions={"FunctionName": function_name})
    create_alarm(orders_fn.name, function_name_key="orders-fn")

Safety: unsafe. The helper's signature changes, and the keys rename the resources.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from agent.core.cst import LoopAware, dotted_name, keyword, keyword_arg, nodes_with_lines, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._output_names import logical_name, rendered_as_output


def _enclosing_function(module: cst.Module, call: cst.Call) -> cst.FunctionDef | None:
    """The innermost function whose body holds the call."""
    found: list[cst.FunctionDef] = []

    class Find(cst.CSTVisitor):
        def __init__(self) -> None:
            self.stack: list[cst.FunctionDef] = []

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self.stack.append(node)

        def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
            self.stack.pop()

        def visit_Call(self, node: cst.Call) -> None:
            if node is call and self.stack:
                found.append(self.stack[-1])

    module.visit(Find())
    return found[0] if found else None


def _positional(function: cst.FunctionDef, is_method: bool) -> list[str]:
    names = [p.name.value for p in [*function.params.posonly_params, *function.params.params]]
    return names[1:] if is_method and names[:1] in (["self"], ["cls"]) else names


def _key_of(value: cst.BaseExpression) -> str | None:
    """ "items-resource" for `items_resource.id` or `self.items_resource.id`: the variable an Output comes from."""
    if not isinstance(value, cst.Attribute):
        return None
    owner = dotted_name(value.value)
    if owner is None or owner == "self":
        return None
    return owner.split(".")[-1].replace("_", "-")


class _Calls(LoopAware):
    """Calls of the helper (`name(...)` for a function, `self.name(...)` for a method), each with the
    names the loops around it bind: a variable bound by a loop names a different Output each time."""

    def __init__(self, name: str, is_method: bool) -> None:
        super().__init__()
        self.wanted = f"self.{name}" if is_method else name
        self.calls: list[tuple[cst.Call, frozenset[str]]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if dotted_name(node.func) == self.wanted:
            self.calls.append((node, self.loop_bound_names()))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, function: cst.FunctionDef, parameter: str, new: str, keys: dict[int, str]) -> None:
        self.function, self.parameter, self.new, self.keys = function, parameter, new, keys
        self.inside = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node is self.function:
            self.inside += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        if original_node is not self.function:
            return updated_node
        self.inside -= 1
        params = updated_node.params
        star = params.star_arg if isinstance(params.star_arg, cst.Param) else cst.ParamStar()
        return updated_node.with_changes(
            params=params.with_changes(star_arg=star, kwonly_params=[*params.kwonly_params, cst.Param(cst.Name(self.new))])
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        key = self.keys.get(id(original_node))
        if key is not None:
            return updated_node.with_changes(args=[*updated_node.args, keyword_arg(self.new, cst.SimpleString(f'"{key}"'))])
        if self.inside and _names_a_resource(updated_node):
            name = updated_node.args[0].value.visit(_RenameInterpolation(self.parameter, self.new))
            return updated_node.with_changes(args=[updated_node.args[0].with_changes(value=name), *updated_node.args[1:]])
        return updated_node


def _names_a_resource(call: cst.Call) -> bool:
    """`aws.x.Thing(f"...", ...)`: a class (capitalised) given an f-string as its first argument."""
    callee = (dotted_name(call.func) or "").split(".")[-1]
    return callee[:1].isupper() and bool(call.args) and call.args[0].keyword is None and isinstance(call.args[0].value, cst.FormattedString)


class _RenameInterpolation(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def leave_FormattedStringExpression(self, original_node, updated_node):
        if isinstance(updated_node.expression, cst.Name) and updated_node.expression.value == self.old:
            return updated_node.with_changes(expression=cst.Name(self.new))
        return updated_node


@dataclass(frozen=True)
class RenderedName:
    logical_name: str  # the failing resource's logical name, holding pulumi's Output warning


class OutputParameterName(Fixer[RenderedName]):
    id = "RM029"
    name = "python.output-parameter-name"
    title = "Name a helper's resources after a plain key instead of an Output its callers pass"
    kinds = frozenset({ErrorKind.DUPLICATE_URN, ErrorKind.INVALID_VALUE, ErrorKind.INVALID_NAME, ErrorKind.PROGRAM})
    safety = Safety.UNSAFE
    runs_before = frozenset({"RM005", "RM015"})  # RM015 can only report it; RM005 would lowercase the warning text

    def match(self, error: DeployError, ctx: FixContext) -> Match[RenderedName] | None:
        name = logical_name(error)
        if "output_as_string" not in error.details or not error.file or not error.line or not name:
            return None
        return Match(error, RenderedName(name))

    def fix(self, match: Match[RenderedName], ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        spans = {node: (start, end) for node, start, end in nodes_with_lines(module, (cst.Call, cst.FunctionDef))}
        named = [
            (start, node)
            for node, (start, end) in spans.items()
            if isinstance(node, cst.Call) and start <= line <= end and _names_a_resource(node)
        ]
        if not named:
            return Skip(f"no call at {path}:{line} names a resource with an f-string")
        call = max(named, key=lambda found: found[0])[1]
        culprit = rendered_as_output(call.args[0].value, match.found.logical_name)
        function = _enclosing_function(module, call)
        if not isinstance(culprit, cst.Name) or function is None:
            return Skip(f"the Output in the name at {path}:{line} is not a parameter of the function that makes it")
        is_method = bool(function.params.params) and function.params.params[0].name.value in ("self", "cls")
        positional = _positional(function, is_method)
        parameter, new = culprit.value, f"{culprit.value}_key"
        every_param = {p.name.value for p in [*function.params.posonly_params, *function.params.params, *function.params.kwonly_params]}
        if parameter not in every_param or new in every_param or isinstance(function.params.star_kwarg, cst.Param):
            return Skip(f"{function.name.value}'s parameters leave no room for a plain {new}")
        others = [p for p in ctx.project.python_files() if p != path and function.name.value in ctx.project.read(p)]
        if others:
            return Skip(f"{function.name.value} is also named in {others[0]}; its callers there are left to a human")
        calls = _Calls(function.name.value, is_method)
        module.visit(calls)
        keys: dict[int, str] = {}
        for site, looped in calls.calls:
            passed = keyword(site, parameter)
            index = positional.index(parameter) if parameter in positional else None
            if passed is None and index is not None and index < len(site.args) and site.args[index].keyword is None:
                passed = site.args[index]
            key = _key_of(passed.value) if passed is not None else None
            if key is None:
                return Skip(f"a call of {function.name.value} does not pass {parameter} as <variable>.<output>")
            if (dotted_name(passed.value.value) or "").split(".")[0] in looped:
                return Skip(
                    f"a call of {function.name.value} passes {parameter} from a loop variable, which names a "
                    "different Output each time; a key per iteration is left to a human"
                )
            keys[id(site)] = key
        if not keys:
            return Skip(f"{function.name.value} is never called in {path}")
        edit = edit_file(ctx.project, path, module.visit(_Rewrite(function, parameter, new, keys)).code)
        if edit is None:
            return Skip(f"nothing to change in {path}")
        return Fix(
            edits=(edit,),
            change=f"{function.name.value}: resource names use a new {new}= (from each call: {', '.join(sorted(set(keys.values())))}) instead of the Output {parameter}",
            why=f"{function.name.value}'s callers pass an Output as {parameter}, and a logical name must be a plain string known while the "
            "program runs; the variable each Output comes from names the resource instead.",
            safety=Safety.UNSAFE,
            file=path,
            line=spans[function][0],
        )
