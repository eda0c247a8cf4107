"""RM025: a subnet CIDR built by slicing the VPC's CIDR string.

`f"{vpc_cidr[:-4]}{i}.0/24"` means "the i-th /24 of the VPC", but slicing counts characters,
not octets: "10.2.0.0/16"[:-4] is "10.2.0." and the result "10.2.0.0.0/24" is no CIDR at all.

Before:
    cidr_block=f"{vpc_cidr[:-4]}{i}.0/24"
After:
    cidr_block=str(list(ipaddress.ip_network(vpc_cidr).subnets(new_prefix=24))[i])

Safety: safe. ipaddress gives the block inside the VPC that the template meant, for a VPC of any size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from agent.core.cst import parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from fixers._pulumi import imported_names, with_import

TAIL = re.compile(r"^\.0/(?P<prefix>\d{1,2})$")  # the literal end of the template: ".0/24"


def _sliced_template(node: cst.FormattedString) -> tuple[cst.BaseExpression, cst.BaseExpression, int] | None:
    """(network string, index, new prefix) of `f"{<net>[:-n]}{<index>}.0/<prefix>"`, else None."""
    parts = node.parts
    if len(parts) != 3 or not all(isinstance(p, cst.FormattedStringExpression) for p in parts[:2]):
        return None
    head, index, tail = parts[0].expression, parts[1].expression, parts[2]
    if not (isinstance(tail, cst.FormattedStringText) and TAIL.match(tail.value)):
        return None
    if not (isinstance(head, cst.Subscript) and len(head.slice) == 1 and isinstance(head.slice[0].slice, cst.Slice)):
        return None
    if any(p.conversion or p.format_spec for p in parts[:2]):
        return None
    return head.value, index, int(TAIL.match(tail.value)["prefix"])


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ipaddress: str) -> None:
        self.ipaddress = ipaddress
        self.count = 0

    def leave_FormattedString(self, original_node: cst.FormattedString, updated_node: cst.FormattedString) -> cst.BaseExpression:
        found = _sliced_template(updated_node)
        if found is None:
            return updated_node
        network, index, prefix = found
        code = cst.Module([]).code_for_node
        self.count += 1
        return cst.parse_expression(f"str(list({self.ipaddress}.ip_network({code(network)}).subnets(new_prefix={prefix}))[{code(index)}])")


@dataclass(frozen=True)
class BadCidr:
    value: str  # the rendered block the provider refused


class CidrSlice(Fixer[BadCidr]):
    id = "RM025"
    name = "python.cidr-slice"
    title = "Compute a subnet's CIDR with ipaddress instead of slicing the VPC's CIDR string"
    kinds = frozenset({ErrorKind.INVALID_VALUE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[BadCidr] | None:
        if error.details.get("expected") != "CIDR block" or "value" not in error.details:
            return None
        return Match(error, BadCidr(error.details["value"]))

    def fix(self, match: Match[BadCidr], ctx: FixContext) -> FixResult:
        edits, rewritten = [], 0
        for path in ctx.project.python_files():
            text = ctx.project.read(path)
            if "/" not in text or "[" not in text:
                continue
            module = parsed_or_skip(ctx.project, path)
            if isinstance(module, Skip):
                continue
            local = next((name for name, full in imported_names(module).items() if full == "ipaddress"), None)
            rewrite = _Rewrite(local or "ipaddress")
            after = module.visit(rewrite)
            if rewrite.count:
                edit = edit_file(ctx.project, path, (after if local else with_import(after, "ipaddress")).code)
                edits.append(edit)
                rewritten += rewrite.count
        if not edits:
            return Skip(f'{match.found.value} comes from no f-string slicing a CIDR string (f"{{cidr[:-4]}}{{i}}.0/24")')
        return Fix(
            edits=tuple(edits),
            change=f"{rewritten} subnet CIDR template(s) slicing the VPC's CIDR string now use ipaddress subnets",
            why=f"Slicing the CIDR string counts characters, not octets, and gave {match.found.value}; "
            "ipaddress.ip_network(...).subnets(new_prefix=...) gives the block inside the VPC the template meant.",
            safety=Safety.SAFE,
            file=edits[0].path,
        )
