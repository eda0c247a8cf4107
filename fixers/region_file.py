"""RM006: the program reads its AWS region from a file that is not there (e.g. lib/AWS_REGION).

The region of a Pulumi stack is its `aws:region` config; reading it from there (with the
stack's region as the fallback) keeps the author's intent and needs no file on disk.

Before:
    region = open("lib/AWS_REGION").read().strip()
After:
    region = pulumi.Config("aws").get("region") or "us-east-1"

Safety: safe. The value read is the same region, from where a Pulumi stack keeps it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from agent.core.cst import parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file

FILE_READ_METHODS = {"read_text", "read_bytes"}


def _callee_last(call: cst.Call) -> str | None:
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def _is_file_read(node: cst.CSTNode) -> bool:
    """`open(p).read().strip()`, `Path(p).read_text()`: a call/attribute chain that opens a file."""
    while isinstance(node, (cst.Call, cst.Attribute)):
        if isinstance(node, cst.Call):
            if _callee_last(node) == "open":
                return True
            node = node.func
        else:
            if node.attr.value in FILE_READ_METHODS:
                return True
            node = node.value
    return False


class _ReplaceFileReads(cst.CSTTransformer):
    """Replace every outermost file-read chain by `replacement` (parenthesized unless it is the whole `top`)."""

    def __init__(self, top: cst.CSTNode | None, replacement: cst.BaseExpression) -> None:
        self.top = top
        self.replacement = replacement
        self.found: set[int] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        if _is_file_read(node):
            self.found.add(id(node))
            return False
        return True

    def on_leave(self, original_node, updated_node):
        if id(original_node) not in self.found:
            return updated_node
        if original_node is self.top:
            return self.replacement
        return self.replacement.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class _RegionRead(cst.CSTTransformer):
    """Rewrite the region read at one line: a `with open(...)` block or an expression reading a file."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, line: int, replacement: cst.BaseExpression) -> None:
        self.line = line
        self.replacement = replacement
        self.changed = False
        self.problem: str | None = None

    def _covers(self, node: cst.CSTNode) -> bool:
        pos = self.get_metadata(PositionProvider, node)
        return pos.start.line <= self.line <= pos.end.line

    def leave_With(self, original_node: cst.With, updated_node: cst.With):
        opened = [item for item in original_node.items if self._covers(item) and _is_file_read(item.item)]
        if not opened:
            return updated_node
        target = _single_assigned_name(original_node.body)
        if target is None:
            self.problem = "the `with` block reading the region file does more than assign one name"
            return updated_node
        self.changed = True
        assign = cst.Assign(targets=[cst.AssignTarget(cst.Name(target))], value=self.replacement)
        return cst.SimpleStatementLine(body=[assign], leading_lines=updated_node.leading_lines)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not self._covers(original_node):
            return updated_node
        body = []
        for small in updated_node.body:
            replacer = _ReplaceFileReads(getattr(small, "value", None), self.replacement)
            body.append(small.visit(replacer))
            self.changed = self.changed or bool(replacer.found)
        return updated_node.with_changes(body=body)


def _single_assigned_name(body: cst.BaseSuite) -> str | None:
    """`region` for a block that is exactly `region = f.read().strip()`."""
    if not isinstance(body, cst.IndentedBlock) or len(body.body) != 1:
        return None
    line = body.body[0]
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    small = line.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
        return small.target.value
    return None


def _pulumi_alias(module: cst.Module) -> str | None:
    """The name `import pulumi [as x]` binds at module level, if any."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == "pulumi":
                        return alias.asname.name.value if alias.asname else "pulumi"
    return None


def _with_import_pulumi(module: cst.Module) -> cst.Module:
    """The module with `import pulumi` after its last top-level import (or its docstring)."""
    body = list(module.body)
    index = 0
    for position, statement in enumerate(body):
        if isinstance(statement, cst.SimpleStatementLine) and (
            isinstance(statement.body[0], (cst.Import, cst.ImportFrom))
            or (position == 0 and isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString))
        ):
            index = position + 1
    body.insert(index, cst.parse_statement("import pulumi\n"))
    return module.with_changes(body=body)


@dataclass(frozen=True)
class MissingRegionFile:
    path: str  # the file the program tried to read its region from


class RegionFile(Fixer[MissingRegionFile]):
    id = "RM006"
    name = "python.region-file"
    title = "Read the region from stack config instead of a missing file"
    kinds = frozenset({ErrorKind.MISSING_FILE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingRegionFile] | None:
        path = error.details.get("path", "")
        if "region" not in path.lower() or not error.file or not error.line or not error.file.endswith(".py"):
            return None
        if not (ctx.project.root / error.file).is_file():
            return None
        return Match(error, MissingRegionFile(path))

    def fix(self, match: Match[MissingRegionFile], ctx: FixContext) -> FixResult:
        error = match.error
        module = parsed_or_skip(ctx.project, error.file)
        if isinstance(module, Skip):
            return module
        alias = _pulumi_alias(module)
        replacement = cst.parse_expression(f'{alias or "pulumi"}.Config("aws").get("region") or {json.dumps(ctx.region)}')
        rewriter = _RegionRead(error.line, replacement)
        new_module = MetadataWrapper(module).visit(rewriter)
        if rewriter.problem:
            return Skip(rewriter.problem)
        if not rewriter.changed:
            return Skip(f"no read of {match.found.path} found at {error.file}:{error.line}")
        if alias is None:
            new_module = _with_import_pulumi(new_module)
        edit = edit_file(ctx.project, error.file, new_module.code)
        if edit is None:
            return Skip("the region is already read from config")
        return Fix(
            edits=(edit,),
            change=f'{error.file}:{error.line}: read the region from aws:region config (default "{ctx.region}") instead of {match.found.path}',
            why="The file holding the region does not exist; a Pulumi stack's region is its aws:region config, "
            "so reading it there (falling back to the stack's region) keeps the intent.",
            safety=self.safety,
            file=error.file,
            line=error.line,
        )
