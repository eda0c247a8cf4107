"""RM014: a pulumi_aws call without a required input that one sibling resource makes evident.

pulumi_aws raises "Missing required property 'rest_api'" (resources) or "...Args.__init__()
missing 1 required keyword-only argument" (Args classes). When exactly one resource of the class
the input names (`rest_api` -> apigateway.RestApi) is assigned in the call's function (or module),
it is the one meant: `rest_api=<it>.id` (`.arn`/`.name` per the input). Of several, the one whose
variable's words all appear in the call's resource name is taken (unsafe: a naming convention). Otherwise the fixer skips,
naming what is missing, and a human (or RM018's documented usual value) decides.

Before:
    api = aws.apigateway.RestApi("orders")
    aws.apigateway.Resource("items", parent_id=api.root_resource_id, path_part="items")
After:
    api = aws.apigateway.RestApi("orders")
    aws.apigateway.Resource("items", parent_id=api.root_resource_id, path_part="items", rest_api=api.id)

Safety: safe. The one resource of that class in scope is the only one the call can mean; one picked
from several by name is unsafe.
"""

from __future__ import annotations

import importlib
import re

import libcst as cst

from agent.core import sdk, sdk_index
from agent.core.cst import keyword, keyword_arg, parsed_or_skip, string_value, with_keyword_added
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._required import MissingInput, ReplaceArgs, Site, calls_in, lacks, required

_REFERENCE_SUFFIXES = {"_id": "id", "_arn": "arn", "_name": "name"}


def _reference(name: str, cls: type) -> tuple[str, str] | None:
    """The resource class an input names and the attribute to pass: rest_api -> (RestApi, id)."""
    stem, attribute = name, None
    for suffix, attr in _REFERENCE_SUFFIXES.items():
        if name.endswith(suffix):
            stem, attribute = name[: -len(suffix)], attr
    wanted = "".join(part.capitalize() for part in stem.split("_"))
    if attribute is None:  # `rest_api`: the docs say whether the SDK wants its ID, its ARN or its name
        text = required(cls).get(name, "")
        attribute = "arn" if re.search(r"\bARN\b", text) else "id" if re.search(r"\bID\b", text) else None
        if attribute is None and re.search(r"\bname\b", text, re.IGNORECASE):
            attribute = _name_output(cls, wanted, stem)
    if attribute is None:
        return None
    return wanted, attribute


def _name_output(cls: type, wanted: str, stem: str) -> str | None:
    """The output holding a resource's name: `name`, else the one named like the input (an S3
    Bucket's `bucket`)."""
    resource = getattr(importlib.import_module(cls.__module__.rsplit(".", 1)[0]), wanted, None)
    return next((a for a in ("name", stem) if isinstance(getattr(resource, a, None), property)), None)


def _named_in_its_name(call: cst.Call, targets: list[str], wanted: str) -> str | None:
    """The one of several same-class resources whose variable's own words (those not naming its
    class) all appear in the call's resource name: `primary_bucket` for
    `BucketVersioningV2("tap-primary-bucket-versioning")`, `private_route_table` for `Route(f"{name}-private-route")`."""
    first = call.args[0] if call.args and call.args[0].keyword is None else keyword(call, "resource_name")
    if first is None:
        return None
    own = sdk_index.words(cst.Module([]).code_for_node(first.value))
    common = sdk_index.words(wanted) | {"self"}
    fitting = [t for t in targets if (words := sdk_index.words(t.replace(".", "_")) - common) and words <= own]
    return fitting[0] if len(fitting) == 1 else None


def _made_before(site: Site, sites: list[Site], cls: type, aliases: dict[str, str]) -> Site | None:
    """Another call of the same class under the same literal resource name (`depends_on=[aws.s3.
    BucketVersioningV2("logs-versioning")]` after the one that made it): filling it in would
    only register the resource twice."""
    name = string_value(site.call.args[0].value) if site.call.args and site.call.args[0].keyword is None else None
    if name is None:
        return None
    return next(
        (
            s
            for s in sites
            if s is not site
            and sdk.class_of(s.call.func, aliases) is cls
            and s.call.args
            and s.call.args[0].keyword is None
            and string_value(s.call.args[0].value) == name
        ),
        None,
    )


class RequiredProperty(Fixer[MissingInput]):
    id = "RM014"
    name = "python.required-property"
    title = "Give a pulumi_aws call the input it requires when the project makes the value evident"
    kinds = frozenset({ErrorKind.MISSING_PROPERTY})
    safety = Safety.SAFE
    runs_before = frozenset({"RM018"})  # RM018 guesses where RM014 knows

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingInput] | None:
        if error.file and error.line and "property" in error.details:
            return Match(error, MissingInput(error.details["property"], error.details.get("cls")))
        return None

    def fix(self, match: Match[MissingInput], ctx: FixContext) -> Fix | Skip:
        name, path, line = match.found.name, match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        aliases = sdk.import_aliases(module)
        calls = calls_in(module)
        located = [
            s
            for s in calls.sites
            if s.start <= line <= s.end
            and name in required(sdk.class_of(s.call.func, aliases))
            and lacks(s.call, name)
            and (match.found.cls_name in (None, sdk.class_of(s.call.func, aliases).__name__))
        ]
        if not located:
            return Skip(f"no pulumi_aws call lacking {name}= at {path}:{line}")
        site = min(located, key=lambda s: s.end - s.start)  # the innermost call on the line
        cls = sdk.class_of(site.call.func, aliases)
        said = required(cls)[name].split(". ")[0][:100]
        missing = f"{sdk.public_name(cls)} at {path}:{line} requires {name}=" + (f" ({said})" if said else "")
        twin = _made_before(site, calls.sites, cls, aliases)
        if twin is not None:
            return Skip(
                f"{missing}; it makes again the {sdk.public_name(cls)} made at line {twin.start} under the same name: a reference to that one was meant"
            )
        reference = _reference(name, cls)
        if reference is None:
            return Skip(f"{missing}; the project does not make its value evident: add it")
        wanted, attribute = reference

        by_name: list[str] = []

        def sibling(site: Site) -> str | None:
            for where in dict.fromkeys([site.scope, None]):
                named = [
                    t
                    for t, c in calls.assigned.get(where, [])
                    if c.__name__ in (wanted, wanted + "V2") and c.__module__.rsplit(".", 1)[0] == cls.__module__.rsplit(".", 1)[0]
                ]
                if len(named) > 1 and (chosen := _named_in_its_name(site.call, named, wanted)) is not None:
                    by_name.append(chosen)
                    return chosen
                if named:
                    return named[0] if len(named) == 1 else None
            return None

        new_args: dict[int, list[cst.Arg]] = {}
        for s in calls.sites:
            other = sdk.class_of(s.call.func, aliases)
            target = sibling(s)
            if name in required(other) and lacks(s.call, name) and target and _reference(name, other) == reference:
                arg = keyword_arg(name, cst.parse_expression(f"{target}.{attribute}"))
                new_args[id(s.call)] = with_keyword_added(s.call.args, arg)
        if id(site.call) not in new_args:
            return Skip(f"{missing}; no single {wanted} is created next to it to take it from: add it")
        edit = edit_file(ctx.project, path, module.visit(ReplaceArgs(new_args)).code)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        count = len(new_args)
        why = f"{sdk.public_name(cls)} requires {name}=; " + (
            f"of the {wanted}s created in the same scope, only {', '.join(sorted(set(by_name)))} is named in the resource's own name: check it is the one meant."
            if by_name
            else f"exactly one {wanted} is created in the same scope, so it is the one meant."
        )
        return Fix(
            edits=(edit,),
            change=f"{name}=<the {wanted}>.{attribute} added ({count} call{'s' if count != 1 else ''} in {path})",
            why=why,
            safety=Safety.UNSAFE if by_name else Safety.SAFE,
            file=path,
            line=line,
        )
