"""RM004: a master user name the database engine reserves (`admin` on PostgreSQL).

RDS refuses it ("MasterUsername admin cannot be used as it is a reserved word"). The name becomes a
documented substitute (config/rules/reserved_usernames.json) in the master_username/username
argument, the constant it references and the credentials dicts (the secret's JSON) carrying the
same name, so the database and its secret stay in step.

Before:
    DB_USER = "admin"
    secret_string=json.dumps({"username": "admin", "password": password})
After:
    DB_USER = "dbadmin"
    secret_string=json.dumps({"username": "dbadmin", "password": password})

Safety: safe. The substitute names the same administrator, everywhere the program names it.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from agent.core.aws_facts import username_keys, username_substitute
from agent.core.cst import parse, rewrite_all, string_value, with_string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip

USERNAME_ARGUMENTS = {"master_username", "username"}  # aws.rds.Cluster / aws.rds.Instance keywords


class _Literal(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        return with_string_value(updated, self.new) if string_value(updated) == self.old else updated


class _ReferencedNames(cst.CSTVisitor):
    """Names used in the value of a username argument (the constants that may hold it)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.depth = 0

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value in USERNAME_ARGUMENTS:
            self.depth += 1

    def leave_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value in USERNAME_ARGUMENTS:
            self.depth -= 1

    def visit_Name(self, node: cst.Name) -> None:
        if self.depth:
            self.names.add(node.value)


class _RenameUser(cst.CSTTransformer):
    def __init__(self, old: str, new: str, names: set[str], dict_keys: set[str]) -> None:
        self.literal = _Literal(old, new)
        self.names, self.dict_keys = names, dict_keys

    def _renamed(self, node):
        return node.with_changes(value=node.value.visit(self.literal))

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        keyword = updated.keyword.value if updated.keyword else None
        return self._renamed(updated) if keyword in USERNAME_ARGUMENTS else updated

    def leave_DictElement(self, original: cst.DictElement, updated: cst.DictElement) -> cst.DictElement:
        return self._renamed(updated) if string_value(updated.key) in self.dict_keys else updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        targets = {t.target.value for t in updated.targets if isinstance(t.target, cst.Name)}
        return self._renamed(updated) if targets & self.names else updated

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign) -> cst.AnnAssign:
        named = isinstance(updated.target, cst.Name) and updated.target.value in self.names
        return self._renamed(updated) if named and updated.value is not None else updated


def referenced_names(ctx: FixContext) -> set[str]:
    collector = _ReferencedNames()
    for path in ctx.project.python_files():
        module = parse(ctx.project.read(path))
        if module is not None:
            module.visit(collector)
    return collector.names


@dataclass(frozen=True)
class ReservedUsername:
    username: str


class ReservedUsernameFixer(Fixer[ReservedUsername]):
    id = "RM004"
    name = "aws.reserved-username"
    title = "Rename a master user name the database engine reserves"
    kinds = frozenset({ErrorKind.RESERVED_USERNAME})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[ReservedUsername] | None:
        if error.kind not in self.kinds or "username" not in error.details:
            return None
        return Match(error, ReservedUsername(error.details["username"]))

    def fix(self, match: Match[ReservedUsername], ctx: FixContext) -> FixResult:
        old = match.found.username
        new = username_substitute(old)
        dict_keys = username_keys()
        names = referenced_names(ctx)
        edits = rewrite_all(ctx.project, lambda: _RenameUser(old, new, names, dict_keys))
        if not edits:
            return Skip(f"the master user name {old!r} is not set by a literal the fixer can find")
        return Fix(
            edits=tuple(edits),
            change=f"master user name {old!r} -> {new!r}",
            why=f"The engine reserves {old!r} for itself, so AWS refuses it as the master user name; "
            f"{new!r} names the same administrator, renamed in the secret too so they stay in step.",
            safety=Safety.SAFE,
            file=match.error.file or edits[0].path,
            line=match.error.line,
        )
