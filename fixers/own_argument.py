"""RM069: a call of the program's own class or function without a required positional argument.

Answers cut off mid-call (RM064 closes them after their last whole element) and hand-written
entry points leave out an argument the project's own code requires: `TapStack("infra")` for
`def __init__(self, name, args: TapStackArgs)`. The value is taken from what the code makes
evident: a class of the project the parameter is annotated with, built with its defaults, when
every input of that class has one (`args=TapStackArgs()`), else a name the calling scope binds
under the parameter's own name (`vpc_id=vpc_id`). Otherwise it skips, naming what is missing.

Before:
    stack = TapStack("infra")
After:
    stack = TapStack("infra", args=TapStackArgs())

Safety: unsafe. Defaults, or a variable that shares the name, may not be what the author meant to pass.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider, ScopeProvider

from agent.core.cst import dotted_name, keyword, keyword_arg, metadata, parsed_or_skip, with_keyword_added
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from agent.core.project import Project


@dataclass(frozen=True)
class MissingArguments:
    callee: str  # the name the call spells last: `TapStack` for `TapStack.__init__`, `make_vpc`
    names: tuple[str, ...]


def _definitions(project: Project, name: str) -> list[ast.FunctionDef]:
    """The project's functions called `name`, or the `__init__` of its classes called `name`."""
    found = []
    for _, tree in project.syntax_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == name:
                found += [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                found.append(node)
    return found


def _defaults_only(project: Project, name: str) -> bool:
    """Whether the project defines exactly one class `name`, buildable with no arguments."""
    classes = [n for _, tree in project.syntax_trees() for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == name]
    if len(classes) != 1 or classes[0].bases:
        return False
    init = next((f for f in classes[0].body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None:
        return True
    positional = init.args.posonlyargs + init.args.args
    required = len(positional) - 1 - len(init.args.defaults)  # `self` needs no value
    return required <= 0 and all(default is not None for default in init.args.kw_defaults)


def _annotation(definition: ast.FunctionDef, parameter: str) -> str | None:
    """The last name of a parameter's annotation: `TapStackArgs` for `args: TapStackArgs` or `lib.TapStackArgs`."""
    arg = next((a for a in definition.args.posonlyargs + definition.args.args if a.arg == parameter), None)
    if arg is None or arg.annotation is None:
        return None
    node = arg.annotation
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


class _Located(cst.CSTVisitor):
    """The innermost call of `callee` spanning the line, and the names bound where it is made."""

    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, callee: str, line: int) -> None:
        self.callee, self.line = callee, line
        self.call: cst.Call | None = None
        self.bound: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        place = self.get_metadata(PositionProvider, node)
        if (dotted_name(node.func) or "").rsplit(".", 1)[-1] == self.callee and place.start.line <= self.line <= place.end.line:
            self.call = node  # visited outermost first: the last one kept is the innermost
            scope = self.get_metadata(ScopeProvider, node)
            self.bound = {a.name for a in scope.assignments} | {a.name for a in scope.globals.assignments} if scope else set()


class OwnArgument(Fixer[MissingArguments]):
    id = "RM069"
    name = "python.missing-own-argument"
    title = "Give a call of the project's own class or function the argument it requires, when the code makes it evident"
    kinds = frozenset({ErrorKind.MISSING_ARGUMENT})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingArguments] | None:
        if not (error.file and error.line and {"callable", "names"} <= error.details.keys()):
            return None
        parts = error.details["callable"].split(".")
        callee = parts[-2] if parts[-1] == "__init__" and len(parts) > 1 else parts[-1]
        return Match(error, MissingArguments(callee, tuple(re.findall(r"'(\w+)'", error.details["names"]))))

    def fix(self, match: Match[MissingArguments], ctx: FixContext) -> Fix | Skip:
        found, path, line = match.found, match.error.file, match.error.line
        definitions = _definitions(ctx.project, found.callee)
        if len(definitions) != 1:
            return Skip(f"{found.callee} is defined {len(definitions)} times in the project: which one is called is not evident")
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        located = _Located(found.callee, line)
        metadata(module).visit(located)
        if located.call is None:
            return Skip(f"no call of {found.callee} at {path}:{line}")
        args, given = located.call.args, []
        for name in found.names:
            annotation = _annotation(definitions[0], name)
            if keyword(located.call, name) is not None or any(a.star for a in args):
                return Skip(f"the call of {found.callee} at {path}:{line} passes {name} in a way Python did not take")
            if annotation and annotation in located.bound and _defaults_only(ctx.project, annotation):
                value = f"{annotation}()"
            elif name in located.bound:
                value = name
            else:
                return Skip(f"{found.callee} at {path}:{line} requires {name}, and the code makes no value of it evident: add it")
            args = with_keyword_added(args, keyword_arg(name, cst.parse_expression(value)), located.call.whitespace_before_args)
            given.append(f"{name}={value}")
        edit = edit_file(ctx.project, path, module.deep_replace(located.call, located.call.with_changes(args=args)).code)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        return Fix(
            edits=(edit,),
            change=f"{found.callee}(...) at {path}:{line}: {', '.join(given)} added",
            why=f"{found.callee} requires {', '.join(found.names)}; the value given is the one the code makes evident "
            "(a class of the project built with its defaults, or a name bound where the call is made): check it is what was meant.",
            safety=Safety.UNSAFE,
            file=path,
            line=line,
        )
