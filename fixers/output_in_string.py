"""RM015: an Output formatted into an f-string ("Calling __str__ on an Output[T] is not supported").

An Output has no value while the program runs, so `f"{bucket.id}-logs"` holds pulumi's warning
text instead of the id, and AWS rejects it (or two resources share a name). Only expressions known
to be Outputs are rewritten: a pulumi_aws resource's outputs (`bucket.id`, `self.fn.arn`), Config
secrets, `.apply(...)` / `Output.*` results. A logical name must be a plain string, so an Output
there is reported, not rewritten.

Before:
    aws.cloudwatch.LogGroup("logs", name=f"/shop/{bucket.id}-logs")
After:
    aws.cloudwatch.LogGroup("logs", name=pulumi.Output.concat("/shop/", bucket.id, "-logs"))

Safety: safe. Output.concat yields the string the f-string meant, as an Output[str] every input accepts.
"""

from __future__ import annotations

import libcst as cst

from agent.core import sdk
from agent.core.cst import nodes_with_lines, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_values import Knowledge
from fixers import _pulumi
from fixers._output_names import logical_name, rendered_as_output


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _literal(fstring: cst.FormattedString, text: str) -> cst.SimpleString:
    """A plain literal with the f-string's quotes and other prefixes holding its raw `text`."""
    prefix = fstring.prefix.replace("f", "").replace("F", "")
    quote = fstring.start[len(fstring.prefix) :]
    return cst.SimpleString(f"{prefix}{quote}{text.replace('{{', '{').replace('}}', '}')}{quote}")


def _concat(fstring: cst.FormattedString, knowledge: Knowledge, concat: str) -> cst.Call | str:
    """`Output.concat(...)` of the f-string's parts, or why it cannot be written."""
    args: list[cst.BaseExpression] = []
    text = ""
    for part in fstring.parts:
        if isinstance(part, cst.FormattedStringText):
            text += part.value
            continue
        if text:
            args.append(_literal(fstring, text))
            text = ""
        expression = part.expression
        if part.conversion is not None or part.format_spec is not None:
            if knowledge.is_output(expression):
                return f"the Output `{_code(expression)}` is formatted with a conversion or format spec"
            args.append(fstring.with_changes(parts=[part]))
        elif knowledge.is_output(expression) or knowledge.is_string(expression):
            args.append(expression)
        else:
            args.append(cst.Call(cst.Name("str"), [cst.Arg(expression)]))
    if text:
        args.append(_literal(fstring, text))
    return cst.Call(cst.parse_expression(concat), [cst.Arg(a) for a in args])


def _interpolated(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if not isinstance(node, cst.FormattedString):
        return []
    return [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)]


def _takes_outputs(call: cst.Call, knowledge: Knowledge) -> bool:
    """A call whose arguments may be Outputs: an `...Args` class, `pulumi.Output.*`, or json.dumps
    (which RM012 makes Output.json_dumps)."""
    path = sdk.full_path(call.func, knowledge.names) or ""
    cls = sdk.class_of(call.func, knowledge.aliases)
    return path.startswith("pulumi.Output.") or path == "json.dumps" or (cls is not None and cls.__name__.endswith("Args"))


def _input_fstrings(value: cst.BaseExpression, knowledge: Knowledge) -> list[cst.FormattedString]:
    """f-strings an input's value is or holds in dict/list/tuple literals and in the arguments of
    calls that take Outputs (inputs take Outputs there too)."""
    if isinstance(value, cst.FormattedString):
        return [value]
    if isinstance(value, cst.Dict):
        return [f for e in value.elements if isinstance(e, cst.DictElement) for f in _input_fstrings(e.value, knowledge)]
    if isinstance(value, (cst.List, cst.Tuple)):
        return [f for e in value.elements if isinstance(e, cst.Element) for f in _input_fstrings(e.value, knowledge)]
    if isinstance(value, cst.Call) and _takes_outputs(value, knowledge):
        return [f for arg in value.args for f in _input_fstrings(arg.value, knowledge)]
    return []


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: dict[int, cst.Call]) -> None:
        self.replacements = replacements

    def leave_FormattedString(self, original_node: cst.FormattedString, updated_node: cst.FormattedString) -> cst.BaseExpression:
        return self.replacements.get(id(original_node), updated_node)


def _resource_call(module: cst.Module, knowledge: Knowledge, line: int) -> cst.Call | None:
    """The innermost pulumi_aws resource constructor call spanning the reported line."""
    calls = [
        (start, call)
        for call, start, end in nodes_with_lines(module, cst.Call)
        if start <= line <= end and knowledge.resource_class(call) is not None
    ]
    return max(calls, key=lambda found: found[0])[1] if calls else None


class OutputInString(Fixer[None]):
    id = "RM015"
    name = "python.output-in-string"
    title = "Join Outputs into strings with pulumi.Output.concat instead of f-strings"
    kinds = frozenset({ErrorKind.INVALID_VALUE, ErrorKind.INVALID_NAME, ErrorKind.DUPLICATE_URN, ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[None] | None:
        if error.kind not in self.kinds or "output_as_string" not in error.details or not error.file or not error.line:
            return None
        return Match(error)

    def fix(self, match: Match[None], ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        knowledge = Knowledge(module)
        call = _resource_call(module, knowledge, line)
        if call is None:
            return Skip(f"no pulumi_aws resource constructed at {path}:{line}")
        logical = next((a for a in call.args if a.keyword is None or a.keyword.value == "resource_name"), None)
        logical_parts = _interpolated(logical.value) if logical is not None else []
        outputs = [e for e in logical_parts if knowledge.is_output(e)]
        if outputs:
            return Skip(
                f"the logical name at {path}:{line} interpolates the Output `{_code(outputs[0])}`; a logical name "
                "must be a plain string known while the program runs, so build it from plain values"
            )
        concat, needs_import = _pulumi.spelling(_pulumi.imported_names(module), "Output")
        replacements: dict[int, cst.Call] = {}
        for arg in call.args:
            if arg is logical:
                continue
            for fstring in _input_fstrings(arg.value, knowledge):
                if not any(knowledge.is_output(e) for e in _interpolated(fstring)):
                    continue
                replacement = _concat(fstring, knowledge, f"{concat}.concat")
                if isinstance(replacement, str):
                    return Skip(f"{replacement} at {path}:{line}")
                replacements[id(fstring)] = replacement
        if not replacements:
            name = logical_name(match.error)
            culprit = rendered_as_output(logical.value, name) if logical is not None and name else None
            if culprit is not None:
                return Skip(
                    f"the logical name at {path}:{line} interpolates `{_code(culprit)}`, which was an Output when it ran; "
                    "a logical name must be a plain string known while the program runs, so pass a plain value"
                )
            return Skip(f"no f-string interpolating a known Output in the resource at {path}:{line}")
        edit = _pulumi.edit_with_import(ctx.project, path, module.visit(_Replace(replacements)), needs_import)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        count = f"{len(replacements)} f-string{'s' if len(replacements) != 1 else ''}"
        return Fix(
            edits=(edit,),
            change=f"f-string -> {concat}.concat ({count} at {path}:{line})",
            why="An f-string formats an Output as pulumi's warning text, not its value; Output.concat waits for the Outputs and yields an Output[str] the input accepts.",
            safety=Safety.SAFE,
            file=path,
            line=line,
        )
