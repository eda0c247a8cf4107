"""Where pulumi's Output warning sits in a rendered resource name, and which interpolation put it there.

An f-string formatting an Output renders pulumi's warning text instead of a value. The error that
follows (a duplicate URN, an invalid name) carries the rendered name; matching it against the
f-string's literal parts tells which interpolation was the Output.
"""

from __future__ import annotations

import re

import libcst as cst

from agent.core.errors import DeployError, parse_urn

# What pulumi's Output.__str__ returns starts and (in full) ends so.
MESSAGE = "Calling __str__ on an Output"
MESSAGE_END = "This function may throw in a future version of Pulumi."


def rendered_as_output(fstring: cst.BaseExpression, name: str) -> cst.BaseExpression | None:
    """The interpolation of an f-string whose text in the rendered `name` is pulumi's Output warning:
    the one whose literal neighbours fit the text before the warning and the text after it."""
    start = name.find(MESSAGE)
    if not isinstance(fstring, cst.FormattedString) or start < 0:
        return None
    end = name.find(MESSAGE_END, start)
    end = end + len(MESSAGE_END) if end >= 0 else len(name)
    parts = fstring.parts
    for k, part in enumerate(parts):
        if not isinstance(part, cst.FormattedStringExpression):
            continue
        fits_before = re.fullmatch(_pattern(parts[:k]), name[:start], re.DOTALL)
        if fits_before and re.fullmatch(_pattern(parts[k + 1 :]), name[end:], re.DOTALL):
            return part.expression
    return None


def _pattern(parts) -> str:
    """A regular expression for what f-string parts render to: their text, anything for each interpolation."""
    return "".join(
        "(.*?)" if isinstance(part, cst.FormattedStringExpression) else re.escape(part.value.replace("{{", "{").replace("}}", "}"))
        for part in parts
    )


def logical_name(error: DeployError) -> str | None:
    """The failing resource's logical name: the URN's when the error gives one."""
    return parse_urn(error.details.get("urn"))[1] or error.resource_name
