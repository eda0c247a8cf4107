"""RM013: a member a pulumi_aws enum does not have (`aws.lambda_.Runtime.PYTHON3_11`).

pulumi_aws spells a dot in an enum value as `D` (`Runtime.PYTHON3D11` is "python3.11") and
renames members across majors; Python's Enum then raises a bare `AttributeError: PYTHON3_11`.
The enum is the one read at the error's line (else anywhere in the project); the member meant is
the one config/sdk_history.json pairs with it (same value in an earlier major), else the one whose
name or value reads the same without separators and case, else a unique close name.
Every reference to the old member in the project is renamed.

Before:
    runtime=aws.lambda_.Runtime.PYTHON3_11
After:
    runtime=aws.lambda_.Runtime.PYTHON3D11

Safety: safe when a member has the same value under a new name, unsafe when only a close name is.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from agent.core import sdk, sdk_history
from agent.core.cst import metadata, parse, rewrite_all
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.project import Project

CLOSE_MATCH_CUTOFF = 0.8


def _key(text: str) -> str:
    """ "PYTHON3_11", "python3.11" -> "PYTHON311"."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _name_key(name: str) -> str:
    """A member name without pulumi's `D` for a dot: "PYTHON3D11" -> "PYTHON311", "NODE_JS20D_X" -> "NODEJS20X"."""
    return _key(re.sub(r"(?<=\d)D", "", name))


def replacement(cls: type[enum.Enum], member: str) -> tuple[str | None, Safety, str]:
    """The member meant by `member`, its safety and why; (None, _, why not) when there is none."""
    members = cls.__members__
    where = f"{sdk.public_name(cls)} in pulumi_aws {sdk.version()}"
    owner = sdk_history.owner_of(cls)
    renamed = sdk_history.field(*owner, "enum_member", member) if owner else None
    if renamed is not None and renamed.new in members:
        why = f"{where} names this member '{renamed.new}': {renamed.describe()}."
        return renamed.new, Safety.SAFE, why
    same = {m.name for n, m in members.items() if _key(member) in (_name_key(n), _key(str(m.value)))}
    if len(same) == 1:
        target = same.pop()
        why = f"{where} spells this member '{target}' (value {members[target].value!r}): same value, new name."
        return target, Safety.SAFE, why
    close = difflib.get_close_matches(member, list(members), n=2, cutoff=CLOSE_MATCH_CUTOFF)
    if len(same) > 1 or len(close) != 1:
        candidates = ", ".join(sorted(same) or close)
        return None, Safety.UNSAFE, f"{where} has no {member}" + (f"; pick one of {candidates} by hand" if candidates else "")
    why = f"{where} has no {member}; '{close[0]}' (value {members[close[0]].value!r}) is the closest member. Check it is the one meant."
    return close[0], Safety.UNSAFE, why


def _lacking(node: cst.Attribute, member: str, aliases: dict[str, str]) -> type[enum.Enum] | None:
    """The pulumi_aws enum `node` reads `member` of, when the enum has no such member."""
    if node.attr.value != member:
        return None
    cls = sdk.class_of(node.value, aliases)
    if cls is None or not issubclass(cls, enum.Enum) or member in cls.__members__:
        return None
    return cls


def _enums_in(module: cst.Module, member: str, lines: tuple[int, int] | None = None) -> set[type[enum.Enum]]:
    """Enums lacking `member` read in the module, or only within `lines` (first, last) if given."""
    aliases = sdk.import_aliases(module)
    positions = metadata(module).resolve(PositionProvider)
    found = set()
    for node, pos in positions.items():
        if isinstance(node, cst.Attribute) and (lines is None or lines[0] <= pos.start.line <= lines[1]):
            cls = _lacking(node, member, aliases)
            if cls is not None:
                found.add(cls)
    return found


def _statement_lines(module: cst.Module, line: int) -> tuple[int, int]:
    positions = metadata(module).resolve(PositionProvider)
    spans = [
        (pos.start.line, pos.end.line)
        for node, pos in positions.items()
        if isinstance(node, cst.SimpleStatementLine) and pos.start.line <= line <= pos.end.line
    ]
    return spans[0] if spans else (line, line)


def enums_lacking(project: Project, member: str, path: str | None, line: int | None) -> set[type[enum.Enum]]:
    """The enums the error's statement reads `member` of; else those the whole project reads it of."""
    if path and line and (project.root / path).is_file():
        module = parse(project.read(path))
        if module is not None:
            found = _enums_in(module, member, _statement_lines(module, line))
            if found:
                return found
    found = set()
    for rel in project.python_files():
        module = parse(project.read(rel))
        if module is not None:
            found |= _enums_in(module, member)
    return found


class _Rename(cst.CSTTransformer):
    def __init__(self, cls: type[enum.Enum], member: str, target: str) -> None:
        self.cls = cls
        self.member = member
        self.target = target
        self.aliases: dict[str, str] = {}
        self.renamed = 0

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if _lacking(original_node, self.member, self.aliases) is not self.cls:
            return updated_node
        self.renamed += 1
        return updated_node.with_changes(attr=cst.Name(self.target))


@dataclass(frozen=True)
class LackingMember:
    cls: type[enum.Enum]  # the pulumi_aws enum the program reads it of
    member: str


class EnumMember(Fixer[LackingMember]):
    id = "RM013"
    name = "python.enum-member"
    title = "Rename a member a pulumi_aws enum does not have to the member it has for the same value"
    kinds = frozenset({ErrorKind.ENUM_MEMBER})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[LackingMember] | None:
        member = error.details.get("member")
        if error.kind not in self.kinds or not member:
            return None
        classes = enums_lacking(ctx.project, member, error.file, error.line)
        if len(classes) != 1:
            return None
        return Match(error, LackingMember(classes.pop(), member))

    def fix(self, match: Match[LackingMember], ctx: FixContext) -> Fix | Skip:
        cls, member = match.found.cls, match.found.member
        target, safety, why = replacement(cls, member)
        if target is None:
            return Skip(why)
        renames: list[_Rename] = []

        def transformer() -> _Rename:
            renames.append(_Rename(cls, member, target))
            return renames[-1]

        edits = rewrite_all(ctx.project, transformer)
        if not edits:
            return Skip(f"no {sdk.public_name(cls)}.{member} left in the project")
        uses = sum(rename.renamed for rename in renames)
        where = f"{uses} use{'s' if uses != 1 else ''} in {len(edits)} file{'s' if len(edits) != 1 else ''}"
        name = sdk.public_name(cls)
        return Fix(
            edits=tuple(edits),
            change=f"{name}.{member} -> {name}.{target} ({where})",
            why=why,
            safety=safety,
            file=match.error.file,
            line=match.error.line,
        )
