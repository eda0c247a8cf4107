"""config/sdk_history.json against the installed SDKs: generated for these versions, and every new
name it points at exists (else the fixers reading it would point programs at nothing)."""

from __future__ import annotations

import enum
import importlib
import importlib.util
import inspect
from collections import defaultdict
from importlib.metadata import version

import pytest

from agent.core import sdk, sdk_history, sdk_index

REGENERATE = "run `python scripts/sdk_history.py` to regenerate config/sdk_history.json"


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def test_generated_for_the_installed_versions():
    for package, recorded in sdk_history.installed_versions().items():
        if _installed(package):
            assert version(package.replace("_", "-")) == recorded, (
                f"{package} is {version(package)}, the history was made for {recorded}: {REGENERATE}"
            )


def _output_type(module: str, name: str) -> type | None:
    """Output types (`GetAmiFilterResult`) live in the module's `outputs` submodule."""
    try:
        return getattr(importlib.import_module(f"{module}.outputs"), name, None)
    except ImportError:
        return None


def _fields(owner: object, kind: str) -> set[str]:
    if kind == "enum_member":
        return set(owner.__members__) if isinstance(owner, type) and issubclass(owner, enum.Enum) else set()
    if kind == "output":
        if isinstance(owner, type) and not sdk.package_of(owner.__module__):  # pulumi's own: public methods and properties
            return {name for name in dir(owner) if not name.startswith("_")}
        return sdk.output_properties(owner) if isinstance(owner, type) else set()
    if isinstance(owner, type) and not sdk.package_of(owner.__module__):
        return set(inspect.signature(owner.__init__).parameters) - {"self"}
    return set(sdk.parameters(owner))


def _exists(module: str, name: str, package: str) -> bool:
    if sdk.is_provider_package(package) and any(n.module == module for n in sdk_index.named(name, package)):
        return True
    return getattr(importlib.import_module(module), name, None) is not None or _output_type(module, name) is not None


def _field_of_block(owner: object, block: str, field: str) -> bool:
    """`field` is an input of the Args class the input `block` takes (cpu_options -> core_count)."""
    args_class = sdk.input_args_class(owner, block)
    return args_class is not None and field in sdk.parameters(args_class)


@pytest.mark.parametrize("package", ["provider", "pulumi"])
def test_every_new_name_exists_in_the_installed_sdk(package):
    """Provider rows and the pulumi package's own (keyed by the public module a program imports
    from: `pulumi.automation`, `pulumi.ResourceOptions`, never a private file)."""
    missing = []
    by_owner = defaultdict(list)
    for change in [*sdk_history.changes(), *sdk_history.deprecations()]:
        if not _installed(change.package) or sdk.is_provider_package(change.package) != (package == "provider"):
            continue
        if change.kind in sdk_history.MEMBER_KINDS:
            targets = [(change.target_module, change.new)] if change.new else []
            targets += [change.replacement] if change.replacement else []
            missing += [f"{module}.{name}" for module, name in targets if not _exists(module, name, change.package)]
        else:
            if change.replacement and not _exists(*change.replacement, change.package):
                missing.append(".".join(change.replacement))
            if change.new is not None or change.since_major is None:
                by_owner[(change.module, change.owner)].append(change)
    for (module, owner), changes in by_owner.items():
        target = getattr(importlib.import_module(module), owner, None) or _output_type(module, owner)
        for change in changes:
            name = change.old if change.since_major is None else change.new  # a deprecated name is still there
            if target is None or name not in _fields(target, change.kind):
                missing.append(f"{module}.{owner}.{name} ({change.kind})")
            elif change.field is not None and not _field_of_block(target, change.new, change.field):
                missing.append(f"{module}.{owner}.{change.new}.{change.field} ({change.kind})")
    assert by_owner or package == "pulumi"
    assert not missing, f"{len(missing)} new names are not in the installed SDK, e.g. {missing[:5]}: {REGENERATE}"


def test_pulumi_rows_name_public_modules():
    """pulumi's rows point where a program imports from, never at a module of private files."""
    rows = [change for change in sdk_history.changes() if change.package == "pulumi"]
    targets = {change.target_module for change in rows if change.new or change.replacement}
    assert "pulumi.automation" in targets  # pulumi 2's pulumi.x.automation moved there
    for module in {change.module for change in rows} | targets:
        assert not any(part.startswith("_") for part in module.split(".")), module
    for module in targets:
        assert importlib.import_module(module).__file__.endswith("__init__.py"), f"{module} is a file, not a package"


@pytest.mark.parametrize(
    "module, owner, kind, old, new, field",
    [
        ("pulumi_aws.rds", "Instance", "argument", "name", "db_name", None),
        ("pulumi_aws.elasticache", "ReplicationGroup", "argument", "replication_group_description", "description", None),
        ("pulumi_aws.codepipeline", "Pipeline", "argument", "artifact_store", "artifact_stores", None),
        ("pulumi_aws.ec2", "Instance", "argument", "cpu_core_count", "cpu_options", "core_count"),
        ("pulumi_aws.ec2", "FlowLog", "argument", "log_group_name", "log_destination", None),
        ("pulumi.x.automation", "Stack", "class", "Stack", "Stack", None),
        ("pulumi_aws.apigateway", "DeploymentCanarySettingsArgs", "class", "DeploymentCanarySettingsArgs", "StageCanarySettingsArgs", None),
    ],
)
def test_documented_renames_are_found_mechanically(module, owner, kind, old, new, field):
    change = sdk_history.member(module, old) if kind in sdk_history.MEMBER_KINDS else sdk_history.field(module, owner, kind, old)
    assert change is not None and change.new == new and change.field == field, change
    assert change.evidence


def test_a_message_naming_two_successors_or_a_value_is_no_rename():
    """eks.Addon's `resolve_conflicts`: "can't be set to "PRESERVE" ... use resolve_conflicts_on_create
    and/or resolve_conflicts_on_update" names neither one successor nor the `preserve` flag."""
    change = sdk_history.field("pulumi_aws.eks", "Addon", "argument", "resolve_conflicts")
    assert change is not None and change.new is None


def test_an_inline_block_that_became_its_own_resource_names_it():
    change = sdk_history.field("pulumi_aws.s3", "Bucket", "argument", "website_domain")
    assert change is not None and change.new is None
    assert change.replacement == ("pulumi_aws.s3", "BucketWebsiteConfiguration")


@pytest.mark.parametrize(
    "old, replacement",
    [("acl", "BucketAcl"), ("versioning", "BucketVersioning"), ("logging", "BucketLogging"), ("cors_rules", "BucketCorsConfiguration")],
)
def test_deprecated_inline_inputs_name_the_current_resource(old, replacement):
    """Still accepted by s3.Bucket, so no rename or removal; the deprecation names the resource, not
    its deprecated ...V2 twin."""
    change = sdk_history.deprecated("pulumi_aws.s3", "Bucket", "argument", old)
    assert change is not None and change.since_major is None
    assert change.replacement == ("pulumi_aws.s3", replacement)
    assert sdk_history.field("pulumi_aws.s3", "Bucket", "argument", old) is None
