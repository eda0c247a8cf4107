"""RM032: a public hosted zone for a domain AWS reserves (example.com and names under it).

Route 53 refuses a public zone for RFC 2606's documentation domains ("InvalidDomainName:
saas-platform.example.com is reserved by AWS!"), which generated programs use when the task names
no domain. A private zone may use them and needs no domain ownership, which is how a QA engineer
deploys such a program for a test: the zone is attached to the one VPC the program creates beside
it. With no single such VPC the fix is a Skip saying what to decide.

Before:
    route53.Zone("main", name="saas-platform.example.com")
After:
    route53.Zone("main", name="saas-platform.example.com", vpcs=[route53.ZoneVpcArgs(vpc_id=self.vpc.id)])

Safety: unsafe. The zone's names then resolve only inside that VPC.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem
from libcst.metadata import PositionProvider

from agent.core import sdk
from agent.core.cst import KeywordAdded, dotted_name, keyword, keyword_arg, metadata, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

ZONE = "pulumi_aws.route53.Zone"
VPC = "pulumi_aws.ec2.Vpc"


@dataclass(frozen=True)
class _Place:
    cls: str | None  # the enclosing class, None outside any
    function: cst.FunctionDef | None  # the enclosing function, None at module level


class _Scan(cst.CSTVisitor):
    """Public zones with their lines and places; VPCs assigned to a name or `self.` attribute, with theirs."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.classes: list[str] = []
        self.functions: list[cst.FunctionDef] = []
        self.zones: list[tuple[cst.Call, int, int, _Place]] = []
        self.vpcs: list[tuple[str, _Place]] = []

    def _place(self) -> _Place:
        return _Place(self.classes[-1] if self.classes else None, self.functions[-1] if self.functions else None)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_Call(self, node: cst.Call) -> None:
        if sdk.full_path(node.func, self.aliases) == ZONE and keyword(node, "vpcs") is None:
            where = self.get_metadata(PositionProvider, node)
            self.zones.append((node, where.start.line, where.end.line, self._place()))

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call) and sdk.full_path(node.value.func, self.aliases) == VPC and len(node.targets) == 1:
            target = dotted_name(node.targets[0].target)
            if target is not None and (target.count(".") == 0 or target.startswith("self.") and target.count(".") == 1):
                self.vpcs.append((target, self._place()))


def _the_vpc(scan: _Scan, zone: _Place) -> str | None:
    """The one VPC the zone's code can name: bound in its function, else on `self` in its class, else at module level."""
    for reaches in (
        lambda target, place: place.function is not None and place.function is zone.function,
        lambda target, place: target.startswith("self.") and place.cls is not None and place.cls == zone.cls,
        lambda target, place: place.function is None and place.cls is None,
    ):
        found = {target for target, place in scan.vpcs if reaches(target, place)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


class ReservedDomain(Fixer[None]):
    id = "RM032"
    name = "aws.reserved-domain"
    title = "Make a hosted zone for a domain AWS reserves private to the program's VPC"
    kinds = frozenset({ErrorKind.RESERVED_DOMAIN})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[None] | None:
        return Match(error) if error.file and error.line else None

    def fix(self, match: Match[None], ctx: FixContext) -> Fix | Skip:
        path, line = match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        scan = _Scan(sdk.import_aliases(module))
        metadata(module).visit(scan)
        located = [z for z in scan.zones if z[1] <= line <= z[2]]
        if not located:
            return Skip(f"no route53.Zone without vpcs= at {path}:{line}")
        zone, _, _, place = located[0]
        vpc = _the_vpc(scan, place)
        if vpc is None:
            return Skip(
                f"the zone at {path}:{line} names a domain AWS reserves for documentation; "
                "no single VPC in its file could hold it as a private zone: choose a domain you own, or a VPC"
            )
        service = dotted_name(zone.func).rpartition(".")[0]  # `route53`, `aws.route53`; "" for a bare `Zone`
        value = cst.parse_expression(f"[{service + '.' if service else ''}ZoneVpcArgs(vpc_id={vpc}.id)]")
        after = module.visit(KeywordAdded(zone, keyword_arg("vpcs", value)))
        if not service:
            after = AddImportsVisitor(CodemodContext(), [ImportItem("pulumi_aws.route53", "ZoneVpcArgs")]).transform_module(after)
        edit = edit_file(ctx.project, path, after.code)
        if edit is None:
            return Skip(f"the zone at {path}:{line} is unchanged")
        domain = match.error.details.get("domain", "the domain")
        return Fix(
            edits=(edit,),
            change=f"route53.Zone at {path}:{line} made private to {vpc} (vpcs=[ZoneVpcArgs(vpc_id={vpc}.id)])",
            why=f"Route 53 refuses a public zone for {domain}, a documentation domain AWS reserves; a private zone may "
            "use it and needs no domain ownership. Its records then resolve only inside the VPC: use a domain you own to publish them.",
            safety=Safety.UNSAFE,
            file=path,
            line=line,
        )
