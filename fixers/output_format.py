"""RM053: an Output formatted with `str.format` or with a conversion or format spec.

`"arn:{}".format(bucket.arn)` and `f"{bucket.arn!r}"` / `f"{port:>5}"` format pulumi's warning
text ("Calling __str__ on an Output[T] is not supported") into the value; nothing fails, the
resource gets the wrong text. `pulumi.Output.format` takes the same template and arguments,
waits for the Outputs and keeps every conversion and spec; an f-string becomes its template with
the interpolations as arguments. A plain f-string is RM015's (Output.concat).

Before:
    aws.ssm.Parameter("arn", type="String", value="arn is {}".format(bucket.arn))
    aws.ssm.Parameter("quoted", type="String", value=f"{bucket.arn!r}")
After:
    aws.ssm.Parameter("arn", type="String", value=pulumi.Output.format("arn is {}", bucket.arn))
    aws.ssm.Parameter("quoted", type="String", value=pulumi.Output.format("{0!r}", bucket.arn))

Safety: safe. Output.format is str.format applied once the Outputs are known: the text meant.
"""

from __future__ import annotations

import libcst as cst

from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.output_uses import OutputUse
from fixers._output_repair import repair_uses


def _template(fstring: cst.FormattedString) -> tuple[cst.SimpleString, list[cst.BaseExpression]] | None:
    """The str.format template an f-string stands for, and its interpolations in order; None when
    a format spec holds an interpolation of its own."""
    text, values = "", []
    for part in fstring.parts:
        if isinstance(part, cst.FormattedStringText):
            text += part.value  # `{{` and `}}` mean the same in a template
            continue
        spec = ""
        if part.format_spec is not None:
            if not all(isinstance(p, cst.FormattedStringText) for p in part.format_spec):
                return None
            spec = ":" + "".join(p.value for p in part.format_spec)
        text += "{" + str(len(values)) + (f"!{part.conversion}" if part.conversion else "") + spec + "}"
        values.append(part.expression)
    prefix = fstring.prefix.replace("f", "").replace("F", "")
    quote = fstring.start[len(fstring.prefix) :]
    return cst.SimpleString(f"{prefix}{quote}{text}{quote}"), values


def _formatted(use: OutputUse, node: cst.CSTNode, knowledge, output: str) -> cst.CSTNode | None:
    function = cst.parse_expression(f"{output}.format")
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):  # "...".format(...)
        return cst.Call(function, [cst.Arg(node.func.value), *node.args])
    if isinstance(node, cst.FormattedString) and (found := _template(node)) is not None:
        template, values = found
        return cst.Call(function, [cst.Arg(template), *(cst.Arg(value) for value in values)])
    return None


class OutputFormat(Fixer):
    id = "RM053"
    name = "python.output-format"
    title = "Format Outputs with pulumi.Output.format instead of str.format or a format spec"
    kinds = frozenset({ErrorKind.PROGRAM})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if "output_as_string" in error.details else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, changed, declined = repair_uses(ctx, {"format", "format_spec"}, _formatted)
        if not edits:
            if declined:
                return Skip(f"{', '.join(declined)}: a format spec holding an interpolation of its own")
            return Skip("no str.format or format spec of an Output in the project")
        return Fix(
            edits=tuple(edits),
            change=f"format of Outputs -> Output.format ({', '.join(changed)})",
            why="str.format and f-string specs format an Output as pulumi's warning text; Output.format applies the same "
            "template once the Outputs are known.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
