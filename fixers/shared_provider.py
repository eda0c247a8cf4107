"""RM027: the same provider is constructed in several places, so its URN is registered twice.

Multi-region programs often give each module its own `get_region_provider(region)` returning
`aws.Provider(f"aws-{region}", region=region)`: the second construction of "aws-us-east-1" is a
duplicate URN. A provider's name is its identity, so every construction of one name means the same
provider: each goes through one helper, in a new module beside the entry point, that makes the
provider once per name and hands it out after.

Before:
    return aws.Provider(f"aws-{region}", region=region)
After:
    return aws_provider(f"aws-{region}", region=region)      # from shared_providers import aws_provider

Safety: unsafe. It adds a module for a human to look at (who may rather create the providers once
and pass them down).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from agent.core import sdk
from agent.core.cst import keyword, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind, parse_urn
from agent.core.fixes import Edit, Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from agent.core.project_modules import program_dir

MODULE = "shared_providers"
HELPER = '''"""One provider per name, however many places ask for it (added by remediate, RM027).

A provider's name is its identity in the stack: constructing the same name twice registers its URN
twice. Every construction in the program goes through here and gets the first one made.
"""
import {module}

_made = {{}}
'''
FUNCTION = '''

def {function}(name, **kwargs):
    """The {package}.Provider called `name`, made on the first request."""
    if name not in _made:
        _made[name] = {module}.Provider(name, **kwargs)
    return _made[name]
'''


class _Redirect(cst.CSTTransformer):
    """Each `<package>.Provider(...)` without options becomes `<function>(...)`."""

    def __init__(self, cls: type, function: str, aliases: dict[str, str]) -> None:
        self.cls, self.function, self.aliases = cls, function, aliases
        self.count = 0

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if sdk.class_of(updated_node.func, self.aliases) is not self.cls or keyword(updated_node, "opts") is not None:
            return updated_node
        self.count += 1
        return updated_node.with_changes(func=cst.Name(self.function))


@dataclass(frozen=True)
class DuplicatedProvider:
    package: str  # "aws" for pulumi_aws
    cls: type  # the package's Provider class
    name: str


class SharedProvider(Fixer[DuplicatedProvider]):
    id = "RM027"
    name = "python.shared-provider"
    title = "Make a provider constructed in several places once per name"
    kinds = frozenset({ErrorKind.DUPLICATE_URN})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[DuplicatedProvider] | None:
        type_token, name = parse_urn(error.details.get("urn"))
        if not type_token or not type_token.startswith("pulumi:providers:"):
            return None
        package = type_token.split(":")[2]
        cls = sdk.resolve(f"pulumi_{package}.Provider")
        return Match(error, DuplicatedProvider(package, cls, name)) if cls is not None else None

    def fix(self, match: Match[DuplicatedProvider], ctx: FixContext) -> FixResult:
        project, package, cls = ctx.project, match.found.package, match.found.cls
        function = f"{package}_provider"
        helper_path = (PurePosixPath(program_dir(project) or ".") / f"{MODULE}.py").as_posix()
        edits, changed, count = [], [], 0
        for path in project.python_files():
            if path == helper_path or "Provider" not in project.read(path):
                continue
            module = parsed_or_skip(project, path)
            if isinstance(module, Skip):
                continue
            redirect = _Redirect(cls, function, sdk.provider_aliases(module))
            after = module.visit(redirect)
            if redirect.count:
                context = CodemodContext()
                AddImportsVisitor.add_needed_import(context, MODULE, function)
                RemoveImportsVisitor.remove_unused_import(context, f"pulumi_{package}", "Provider")  # `from pulumi_aws import Provider`
                after = RemoveImportsVisitor(context).transform_module(AddImportsVisitor(context).transform_module(after))
                edits.append(edit_file(project, path, after.code))
                changed.append(path)
                count += redirect.count
        if count < 2:
            return Skip(f"{package}.Provider '{match.found.name}' is not constructed in two places without options")
        existing = project.read(helper_path) if (project.root / helper_path).is_file() else None
        if existing is not None and f"def {function}(" in existing:
            return Skip(f"{helper_path} already has {function}; the duplicate comes from elsewhere")
        helper = (existing or HELPER.format(module=f"pulumi_{package}")) + FUNCTION.format(
            function=function, package=package, module=f"pulumi_{package}"
        )
        if existing is not None and f"import pulumi_{package}\n" not in existing:
            return Skip(f"{helper_path} exists and does not import pulumi_{package}")
        edits.append(Edit(helper_path, existing, helper))
        return Fix(
            edits=tuple(edits),
            change=f"{count} {package}.Provider constructions in {', '.join(changed)} go through {helper_path}:{function}, one provider per name",
            why=f"{package}.Provider '{match.found.name}' was constructed in more than one place, each registering the same URN; "
            "a provider's name is its identity, so one provider per name is what each place meant.",
            safety=Safety.UNSAFE,
            file=changed[0],
        )
