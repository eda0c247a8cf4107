"""config/sdk_history.json against the installed SDKs: generated for these versions, and every new
name it points at exists (else the fixers reading it would point programs at nothing)."""

from __future__ import annotations

import enum
import importlib
import importlib.util
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


def _output_type(module: str, name: str) -> bool:
    """Output types (`GetAmiFilterResult`) live in the module's `outputs` submodule."""
    try:
        return hasattr(importlib.import_module(f"{module}.outputs"), name)
    except ImportError:
        return False


def _fields(owner: object, kind: str) -> set[str]:
    if kind == "enum_member":
        return set(owner.__members__) if isinstance(owner, type) and issubclass(owner, enum.Enum) else set()
    if kind == "output":
        return sdk.output_properties(owner) if isinstance(owner, type) else set()
    return set(sdk.parameters(owner))


def test_every_new_name_exists_in_the_installed_sdk():
    missing = []
    by_owner = defaultdict(list)
    for change in sdk_history.changes():
        if not _installed(change.package) or not sdk.is_provider_package(change.package):
            continue  # pulumi's own names live in private files the generator does not yet map to public modules
        if change.kind in sdk_history.MEMBER_KINDS:
            targets = [(change.target_module, change.new)] if change.new else []
            targets += [change.replacement] if change.replacement else []
            for module, name in targets:
                found = any(n.module == module for n in sdk_index.named(name, change.package))
                if not found and getattr(importlib.import_module(module), name, None) is None and not _output_type(module, name):
                    missing.append(f"{module}.{name}")
        elif change.new is not None:
            by_owner[(change.module, change.owner)].append(change)
    for (module, owner), changes in by_owner.items():
        target = getattr(importlib.import_module(module), owner, None)
        for change in changes:
            if target is None or change.new not in _fields(target, change.kind):
                missing.append(f"{module}.{owner}.{change.new} ({change.kind})")
    assert not missing, f"{len(missing)} new names are not in the installed SDK, e.g. {missing[:5]}: {REGENERATE}"


@pytest.mark.parametrize(
    "module, owner, kind, old, new",
    [
        ("pulumi_aws.rds", "Instance", "argument", "name", "db_name"),
    ],
)
def test_documented_pulumi_aws_renames_are_found_mechanically(module, owner, kind, old, new):
    change = sdk_history.member(module, old) if kind in sdk_history.MEMBER_KINDS else sdk_history.field(module, owner, kind, old)
    assert change is not None and change.new == new, change
    assert change.evidence


def test_an_inline_block_that_became_its_own_resource_names_it():
    change = sdk_history.field("pulumi_aws.s3", "Bucket", "argument", "website_domain")
    assert change is not None and change.new is None
    assert change.replacement == ("pulumi_aws.s3", "BucketWebsiteConfiguration")
