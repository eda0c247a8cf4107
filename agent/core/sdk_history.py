"""config/sdk_history.json: what earlier SDK majors called the installed SDK's names.

Models write code for pulumi_aws 4-6 (and older pulumi, pulumi_random, pulumi_tls, pulumi_awsx).
scripts/sdk_history.py reads each earlier major's source and the installed one's and records only
their differences; regenerate it after upgrading an SDK (tests/test_sdk_history.py fails until then).

Shape (format 1):
    {"format": 1, "command": "python scripts/sdk_history.py",
     "versions": {package: {"installed": "7.51.1", "installed_here": true, "old": {"6": "6.83.4", ...}}},
     "renames":  [row, ...],   # an old name with its new one
     "removals": [row, ...],   # an old name with none (`replacement` when a resource took its place)
     "deprecated": [row, ...]} # a name the installed SDK still takes but deprecates for a resource
    row = {package, module, class, kind, old, [new], [field], [new_module], [old_class], [role], [replacement],
           since_major, in_majors, evidence}; a deprecated row has status "deprecated" and no majors
- kind "class" or "function": `module`.`class` is the OLD name (class == old); `new` its installed
  name, in `new_module` when it moved; `role` says resource, args, output_type, enum or class.
- kind "argument", "output" or "enum_member": `module`.`class` is the INSTALLED owner (a resource,
  an Args class, an output type, a data-source function or an enum), `old_class` its old name when
  it was renamed; `old` the old argument/output/member and `new` the installed one; `field` when
  the old value is now a field of the block `new` (ec2.Instance cpu_core_count -> cpu_options.core_count).
- replacement = {module, class}: the resource that took over a removed name (s3 Bucket `acl` ->
  s3.BucketAcl), from the old SDK's deprecation message or the resource named after owner and name.
- deprecated rows: `old` is an installed argument or output of `module`.`class` whose deprecation
  message names the resource that configures it now (s3.Bucket `acl` -> s3.BucketAcl).
- since_major: the first major without the old name; in_majors: the earlier majors that had it;
  evidence: why the pair is one (a type token alias, a deprecation message, same type and role).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from agent.core import sdk
from agent.core.config import load_data

DATA = "sdk_history.json"
MEMBER_KINDS = ("class", "function")


@dataclass(frozen=True)
class Change:
    """One row of the history, renamed or removed."""

    package: str
    module: str
    owner: str  # the row's `class`
    kind: str
    old: str
    new: str | None
    new_module: str | None
    replacement: tuple[str, str] | None  # (module, class) that took over a removed name
    since_major: int | None  # None for a name the installed SDK only deprecates
    evidence: str
    field: str | None = None  # the old value is this field of the block input `new` now

    @property
    def target_module(self) -> str:
        return self.new_module or self.module

    def describe(self) -> str:
        """For a fix's why: where the change comes from."""
        package = self.package.replace("_", "-")
        if self.since_major is None:
            return self.evidence  # "pulumi-aws 7.51.1 deprecates it: acl is deprecated. Use the s3.BucketAcl resource instead."
        return f"{package} {self.since_major} dropped '{self.old}' ({self.evidence})"


def _change(row: dict[str, Any]) -> Change:
    replacement = row.get("replacement")
    return Change(
        row["package"],
        row["module"],
        row["class"],
        row["kind"],
        row["old"],
        row.get("new"),
        row.get("new_module"),
        (replacement["module"], replacement["class"]) if replacement else None,
        row.get("since_major"),
        row["evidence"],
        row.get("field"),
    )


def document() -> dict[str, Any]:
    return load_data(DATA)


@cache
def _table() -> dict[tuple[str, str, str, str], Change]:
    table = {}
    for row in [*document()["removals"], *document()["renames"]]:  # a rename found in a later major wins over a removal
        change = _change(row)
        table[(change.module, change.owner, change.kind, change.old)] = change
    return table


def member(module: str, name: str) -> Change | None:
    """A class or data-source function `module.name` (full dotted module) an earlier major had."""
    table = _table()
    return next((table[key] for kind in MEMBER_KINDS if (key := (module, name, kind, name)) in table), None)


def field(module: str, owner: str, kind: str, old: str) -> Change | None:
    """An argument, output or enum member `old` of the installed `module.owner` an earlier major had."""
    return _table().get((module, owner, kind, old))


@cache
def _deprecated() -> dict[tuple[str, str, str, str], Change]:
    changes = (_change(row) for row in document().get("deprecated", []))
    return {(change.module, change.owner, change.kind, change.old): change for change in changes}


def deprecated(module: str, owner: str, kind: str, name: str) -> Change | None:
    """An argument or output `name` the installed `module.owner` still has but deprecates, with the
    resource its message names as `replacement`."""
    return _deprecated().get((module, owner, kind, name))


def installed_versions() -> dict[str, str]:
    """{package: version} the file was generated against, for the packages installed when it was."""
    return {package: entry["installed"] for package, entry in document()["versions"].items() if entry["installed_here"]}


def changes() -> list[Change]:
    """Every rename and removal."""
    return list(_table().values())


def deprecations() -> list[Change]:
    """Every name the installed SDK still takes but deprecates for a resource."""
    return list(_deprecated().values())


def owner_of(target: Any) -> tuple[str, str] | None:
    """(public module, name) of an installed provider class or invoke, as the history keys it:
    ("pulumi_aws.s3", "Bucket"), ("pulumi_aws", "get_region"); an invoke's _output form is its plain one."""
    package = sdk.package_of(getattr(target, "__module__", ""))
    if package is None:
        return None
    public = sdk.public_name(target)
    module, _, name = public.rpartition(".")
    return (f"{package}.{module}" if module else package), name.removesuffix("_output")
