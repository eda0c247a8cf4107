"""Regenerate config/sdk_history.json: what each earlier major of the Pulumi SDKs called by other names.

    python scripts/sdk_history.py [--workdir DIR] [--out config/sdk_history.json]

For pulumi_aws (majors 4, 5, 6), pulumi, pulumi_random, pulumi_tls and pulumi_awsx, the latest
release of every earlier major is fetched with pip (`pip download --no-deps`, into a temporary
work dir) and read with `ast` (scripts/sdk_inventory.py), as is the installed SDK (or, when it is
not installed, the latest release). Each old major is diffed against the installed one; a name
gone from it is paired with its new name by evidence only:
  - a class or data source: the new class declares the old type token as an alias or keeps the
    token, or the old SDK's deprecation message names it, or its owner was renamed (`BucketV2X` ->
    `BucketX`), or the same name lives in exactly one other module;
  - an argument or output: the old SDK's deprecation message names it (`Please use 'dbName'
    instead`, `Use description instead`) and it has the same type, or is a block with a field the
    old name ends with (`cpu_core_count` -> `cpu_options.core_count`); or it is the only added one
    of the same owner with the same type sharing a specific word; or its singular/plural twin of
    the same type (`artifact_store` -> `artifact_stores`);
  - an enum member: a new member with the same value.
A name without such evidence is recorded as removed, with the resource its deprecation message
points to (an inline block that became its own resource: s3 Bucket `acl` -> s3.BucketAcl) or the
resource named after its owner and itself. The shape of the file is documented in
agent/core/sdk_history.py.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sdk_inventory import inventory, source_files  # noqa: E402

FORMAT = 1
INVENTORY_FORMAT = 2  # bump when scripts/sdk_inventory.py reads differently, so a --workdir's cached inventories are read again
PACKAGES = {  # import package -> earlier majors to diff against the installed one
    "pulumi_aws": [4, 5, 6],
    "pulumi": [2],
    "pulumi_random": [2, 3],
    "pulumi_tls": [3, 4],
    "pulumi_awsx": [1, 2],
}
GENERATED = {"pulumi_aws", "pulumi_random", "pulumi_tls", "pulumi_awsx"}
QUOTED = re.compile(r"[`'\"]([A-Za-z_][\w.]*)[`'\"]")
GENERIC_WORDS = {"enable", "enabled", "is", "id", "arn", "name", "key", "tag", "type", "value", "all"}
# "Use description instead", "Use x_on_create and/or x_on_update instead" (two successors, so no one rename)
USE_INSTEAD = re.compile(r"\b[Uu]se (?:the )?(?!the\b)((?:[a-z][a-z0-9_]*\b(?!\.)(?: and/or | and | or )?)+)")
ALTERNATIVES = re.compile(r" and/or | and | or ")
DOTTED_CLASS = re.compile(r"\b(?:aws\.)?([a-z][a-z0-9_]*)\.([A-Z]\w+)\b")


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _one_or_many(words: str) -> str:
    """A type without its list wrapper: "Sequence BucketLoggingArgs" -> "BucketLoggingArgs"."""
    return words.removeprefix("Sequence ")


def _words(name: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name.replace("_", " ")) if w}


def _related(a: str, b: str) -> bool:
    """One name's words within the other's (`compute_environment_name` -> `name`), or a specific word
    in common: `enable_classiclink` and `enable_network_address_usage_metrics` share only `enable`."""
    first, second = _words(a), _words(b)
    return first <= second or second <= first or bool((first & second) - GENERIC_WORDS)


# ---- fetching -------------------------------------------------------------------------------


def _pip(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True, text=True).stdout


def latest_of_major(distribution: str, major: int) -> str:
    """The newest release of `major`, as `pip index versions` lists it (newest first)."""
    listing = _pip("index", "versions", distribution)
    versions = listing.split("Available versions:", 1)[1].splitlines()[0].split(",")
    return next(v.strip() for v in versions if re.fullmatch(rf"{major}\.\d+\.\d+", v.strip()))


def fetch(distribution: str, version: str, workdir: Path) -> Path:
    """The wheel or sdist of `distribution==version`, downloaded once into the work dir."""
    target = workdir / f"{distribution}-{version}"
    target.mkdir(parents=True, exist_ok=True)
    if not any(target.iterdir()):
        _pip("download", "--no-deps", "-d", str(target), f"{distribution}=={version}")
    return next(target.iterdir())


def read_inventory(package: str, location: Path, workdir: Path, version: str) -> dict[str, dict]:
    cached = workdir / f"inventory{INVENTORY_FORMAT}-{package}-{version}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    print(f"reading {package} {version} ...", file=sys.stderr, flush=True)
    found = inventory(source_files(location, package), package in GENERATED)
    cached.write_text(json.dumps(found))
    return found


def installed(package: str, workdir: Path) -> tuple[str, dict[str, dict], bool]:
    """(version, inventory, whether it is installed here): the installed SDK, else its latest release."""
    distribution = package.replace("_", "-")
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        version = importlib.metadata.version(distribution)
        location = Path(next(iter(spec.submodule_search_locations))).parent
        return version, read_inventory(package, location, workdir, version), True
    version = _pip("index", "versions", distribution).split("(", 1)[1].split(")", 1)[0]
    return version, read_inventory(package, fetch(distribution, version, workdir), workdir, version), False


# ---- diffing --------------------------------------------------------------------------------


def _split(key: str) -> tuple[str, str]:
    module, _, name = key.rpartition(".")
    return module, name


class Differ:
    """One old major's inventory against the new one."""

    def __init__(self, package: str, major: int, version: str, old: dict[str, dict], new: dict[str, dict]) -> None:
        self.package, self.major, self.version = package, major, version
        self.old, self.new = old, new
        self.renames: list[dict] = []
        self.removals: list[dict] = []
        self.moved: dict[str, str] = {}  # old key -> new key, for classes and functions
        self.by_token: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        self.moved_in: dict[str, list[tuple[str, str]]] = {}  # old module -> (old key, new key)
        self.resources_in: dict[str, list[str]] = {}
        for key, entry in new.items():
            for token in [entry.get("token"), *entry.get("aliases", [])]:
                if token:
                    self.by_token.setdefault(token, key)
            self.by_name.setdefault(_split(key)[1], []).append(key)
            if entry["kind"] == "resource":
                self.resources_in.setdefault(_split(key)[0], []).append(key)

    def _where(self) -> str:
        return f"{self.package.replace('_', '-')} {self.version}"

    def _record(self, kind: str, key: str, old: str, new: str | None, evidence: str, **extra) -> None:
        module, owner = _split(key)
        row = {"package": self.package, "module": module, "class": owner, "kind": kind, "old": old}
        if new is not None:
            row["new"] = new
        row.update(extra)
        row["since_major"] = self.major + 1
        row["evidence"] = evidence
        (self.renames if new is not None else self.removals).append(row)

    # classes and functions

    def _named_in(self, message: str) -> str | None:
        """The new class or function a deprecation message names (`Use the s3.BucketAclV2 resource`)."""
        for module, name in DOTTED_CLASS.findall(message):
            key = f"{self.package}.{module}.{name}"
            if key in self.new:
                return key
            if key in self.old and key in self.moved:
                return self.moved[key]
        for word in QUOTED.findall(message):
            for key in self.by_name.get(word.rpartition(".")[2], []):
                return key
        return None

    def _pair_class(self, key: str, entry: dict) -> tuple[str, str] | None:
        token = entry.get("token")
        if token and token in self.by_token:
            new_key = self.by_token[token]
            how = "keeps its type token" if self.new[new_key].get("token") == token else "declares the old type token as an alias"
            return new_key, f"{_split(new_key)[1]} in the installed SDK {how} ({token})"
        if entry.get("deprecated"):
            new_key = self._named_in(entry["deprecated"])
            if new_key:
                return new_key, f"{self._where()} deprecated it: {entry['deprecated']}"
        module, name = _split(key)
        for old_owner, new_owner in self.moved_in.get(module, []):
            old_name, new_name = _split(old_owner)[1], _split(new_owner)[1]
            if name.startswith(old_name) and name[len(old_name) : len(old_name) + 1].isupper():
                candidate = f"{_split(new_owner)[0]}.{new_name}{name[len(old_name) :]}"
                if candidate in self.new and self._same_fields(entry, self.new[candidate]):
                    return candidate, f"follows its owner's rename {old_name} -> {new_name}, with the same fields"
        homes = [k for k in self.by_name.get(name, []) if self._alike(entry, self.new[k])]
        if len(homes) == 1:
            return homes[0], f"the installed SDK has {name} only in {_split(homes[0])[0]}"
        return self._moved_with_its_input(key, entry)

    def _moved_with_its_input(self, key: str, entry: dict) -> tuple[str, str] | None:
        """An Args class typing an input the old SDK moved to another resource goes with it: Deployment's
        `canary_settings` ("Use the apigateway.Stage resource instead") was DeploymentCanarySettingsArgs,
        Stage's `canary_settings` is StageCanarySettingsArgs, with alike fields."""
        module, name = _split(key)
        if entry["kind"] != "args":
            return None
        for owner_key, owner in self.old.items():
            if not owner_key.startswith(module + ".") or owner["kind"] != "resource":
                continue
            for field, words in (owner.get("inputs") or {}).items():
                message = owner.get("deprecations", {}).get(field, "")
                if not message or words.rpartition(" ")[2] != name:
                    continue
                resource = self._named_in(message)
                typed = (self.new.get(resource, {}).get("inputs") or {}).get(field, "") if resource else ""
                new_key = f"{_split(resource)[0]}.{typed.rpartition(' ')[2]}" if typed else ""
                if new_key in self.new and self._alike(entry, self.new[new_key]):
                    evidence = (
                        f"{self._where()} moved {_split(owner_key)[1]}.{field} to {_split(resource)[1]} ({message}), whose {field} it types"
                    )
                    return new_key, evidence
        return None

    @staticmethod
    def _same_fields(old: dict, new: dict) -> bool:
        return old["kind"] == new["kind"] and all(set(old.get(f) or ()) == set(new.get(f) or ()) for f in ("inputs", "outputs", "members"))

    @staticmethod
    def _alike(old: dict, new: dict) -> bool:
        """Same kind, and at least half their fields in common (a same-named class elsewhere may be another thing)."""
        before = {n for f in ("inputs", "outputs", "members") for n in old.get(f) or ()}
        after = {n for f in ("inputs", "outputs", "members") for n in new.get(f) or ()}
        return old["kind"] == new["kind"] and (before == after or len(before & after) * 2 >= len(before | after))

    def classes(self) -> None:
        gone = [key for key in self.old if key not in self.new]
        # resources and functions first, so the Args and output types named after them follow
        gone.sort(key=lambda k: self.old[k]["kind"] not in ("resource", "function"))
        for key in gone:
            entry = self.old[key]
            kind = "function" if entry["kind"] == "function" else "class"
            paired = self._pair_class(key, entry)
            if paired is None:
                if entry["kind"] in ("resource", "function", "enum", "class"):  # Args and output types go with their owner
                    extra = {}
                    new_key = self._named_in(entry.get("deprecated", ""))
                    if new_key:
                        extra["replacement"] = {"module": _split(new_key)[0], "class": _split(new_key)[1]}
                    why = (
                        f"{self._where()} deprecated it: {entry['deprecated']}"
                        if entry.get("deprecated")
                        else "absent from the installed SDK"
                    )
                    self._record(kind, key, _split(key)[1], None, why, role=entry["kind"], **extra)
                continue
            new_key, evidence = paired
            self.moved[key] = new_key
            self.moved_in.setdefault(_split(key)[0], []).append((key, new_key))
            extra = {"new_module": _split(new_key)[0]} if _split(new_key)[0] != _split(key)[0] else {}
            self._record(kind, key, _split(key)[1], _split(new_key)[1], evidence, role=entry["kind"], **extra)

    # arguments, outputs, enum members

    def _retyped(self, words: str, old_owner: str, new_owner: str) -> str:
        """A type named after the old owner spelt after the new one (BucketV2CorsRuleArgs -> BucketCorsRuleArgs)."""
        return " ".join(new_owner + w[len(old_owner) :] if w.startswith(old_owner) else w for w in words.split())

    def _fields(self, role: str, key: str, entry: dict, new_key: str) -> None:
        field = "inputs" if role == "argument" else "outputs"
        before, after = entry.get(field) or {}, self.new[new_key].get(field) or {}
        removed = [name for name in before if name not in after]
        added = [name for name in after if name not in before]
        old_owner, new_owner = _split(key)[1], _split(new_key)[1]
        deprecations = entry.get("deprecations", {})
        renamed = {"old_class": old_owner} if key != new_key else {}
        for name in removed:
            message = deprecations.get(name, "")
            old_type = self._retyped(before[name], old_owner, new_owner)
            used = [w for group in USE_INSTEAD.findall(message) for w in ALTERNATIVES.split(group.strip())]
            named = {_snake(w.rpartition(".")[2]) for w in QUOTED.findall(message) + used if not w.isupper()}
            targets = [n for n in named if n in after and n != name]  # "use X and/or Y instead" names no one successor
            if len(targets) == 1:
                how = self._successor(new_key, field, name, old_type, targets[0])
                if how is not None:
                    self._record(role, new_key, name, targets[0], f"{self._where()} deprecated it: {message}", **renamed, **how)
                    continue
            same_type = [a for a in added if after[a] and after[a] == old_type and _related(a, name)]
            if len(same_type) == 1:
                evidence = f"the only {role} {new_owner} gained with the same type ({after[same_type[0]]}) and a word in common"
                self._record(role, new_key, name, same_type[0], evidence, **renamed)
                continue
            # an argument's value is fitted to one or a list by RM001; an output read as a list (`x[0]`) would break
            shape = _one_or_many if role == "argument" else str
            number = [a for a in added if {a, name} in ({name + "s", name}, {a + "s", a}) and shape(after[a]) == shape(old_type)]
            if len(number) == 1 and after[number[0]]:
                evidence = f"{new_owner} gained {number[0]} of the same type, one or a list of {_one_or_many(old_type)}"
                self._record(role, new_key, name, number[0], evidence, **renamed)
                continue
            extra = {}
            replacement = self._named_in(message) if message else None
            if replacement is None and self.new[new_key]["kind"] == "resource":
                replacement = self._own_resource(new_key, name)
                why = f"the installed SDK has a {_split(replacement)[1]} resource named after {new_owner} and {name}" if replacement else ""
            else:
                why = f"{self._where()} deprecated it: {message}" if message else ""
            if replacement:
                extra["replacement"] = {"module": _split(replacement)[0], "class": _split(replacement)[1]}
            self._record(role, new_key, name, None, why or f"{new_owner} in the installed SDK has no such {role}", **renamed, **extra)

    def _successor(self, owner_key: str, field: str, name: str, old_type: str, target: str) -> dict | None:
        """How `name` carries over into the input or output a deprecation message names: {} when it
        has the same type (one or a list of it), {"field": f} when the target is a block with a field
        `f` that `name` ends with (ec2.Instance `cpu_core_count` -> `cpu_options.core_count`), else None
        (eks.Addon's string `resolve_conflicts` is no `preserve` flag)."""
        new_type = self.new[owner_key][field][target]
        if not old_type or not new_type or _one_or_many(new_type) == _one_or_many(old_type):
            return {}
        block = self.new.get(f"{_split(owner_key)[0]}.{_one_or_many(new_type).rpartition(' ')[2]}", {})
        inner = block.get("inputs" if field == "inputs" else "outputs") or {}
        fields = [f for f in inner if name.endswith("_" + f) and inner[f] == old_type]
        return {"field": fields[0]} if len(fields) == 1 else None

    def _own_resource(self, owner_key: str, field: str) -> str | None:
        """`acl` of s3.Bucket -> s3.BucketAcl, `server_side_encryption_configuration` -> s3.BucketServerSideEncryptionConfiguration."""
        module, owner = _split(owner_key)
        head = next(iter(re.findall(r"[a-z0-9]+", field)), "")
        found = []
        for key in self.resources_in.get(module, []):
            rest = _split(key)[1][len(owner) :]
            if not _split(key)[1].startswith(owner) or not rest[:1].isupper():
                continue
            words = re.findall(r"[A-Z][a-z0-9]*", rest)
            if words and len(head) >= 3 and words[0].lower()[:5] == head[:5]:
                found.append(key)
        current = [key for key in found if not self.new[key].get("deprecated")]  # BucketLogging, not the deprecated BucketLoggingV2
        return min(current or found, key=len) if found else None

    def deprecated(self) -> list[dict]:
        """Inputs and outputs the installed SDK still has but deprecates in favour of a resource its
        message names (s3.Bucket `acl` -> s3.BucketAcl): rows with status "deprecated"."""
        rows = []
        for key, entry in self.new.items():
            for name, message in entry.get("deprecations", {}).items():
                kind = "argument" if name in (entry.get("inputs") or {}) else "output" if name in (entry.get("outputs") or {}) else None
                replacement = self._named_in(message) if kind else None
                if replacement is None or replacement == key:
                    continue
                module, owner = _split(key)
                rows.append(
                    {
                        "package": self.package,
                        "module": module,
                        "class": owner,
                        "kind": kind,
                        "old": name,
                        "status": "deprecated",
                        "replacement": {"module": _split(replacement)[0], "class": _split(replacement)[1]},
                        "evidence": f"{self._where()} deprecates it: {message}",
                    }
                )
        return rows

    def members(self) -> None:
        for key, entry in self.old.items():
            new_key = self.moved.get(key, key if key in self.new else None)
            if new_key is None or self.new[new_key]["kind"] != entry["kind"]:
                continue
            if entry["kind"] == "enum":
                after = self.new[new_key]["members"]
                by_value = {value: name for name, value in after.items()}
                for name, value in entry["members"].items():
                    if name not in after:
                        target = by_value.get(value)
                        evidence = f"the same value {value!r}" if target else "absent from the installed enum"
                        renamed = {"old_class": _split(key)[1]} if key != new_key else {}
                        self._record("enum_member", new_key, name, target, evidence, **renamed)
                continue
            if "inputs" in entry:
                self._fields("argument", key, entry, new_key)
            if "outputs" in entry:
                self._fields("output", key, entry, new_key)


def diff(package: str, major: int, version: str, old: dict, new: dict) -> Differ:
    differ = Differ(package, major, version, old, new)
    differ.classes()
    differ.members()
    return differ


def merged(rows: list[dict]) -> list[dict]:
    """One row per old name: the newest major's evidence, with every major the name was seen in."""
    by_key: dict[tuple, dict] = {}
    for row in sorted(rows, key=lambda r: r["since_major"]):
        key = (row["package"], row["module"], row["class"], row["kind"], row["old"])
        seen = by_key.get(key, {}).get("in_majors", [])
        by_key[key] = {**row, "in_majors": [*seen, row["since_major"] - 1]}
    return sorted(by_key.values(), key=lambda r: (r["package"], r["module"], r["class"], r["kind"], r["old"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="where to download and cache inventories (default: a new temp dir)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "config" / "sdk_history.json")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sdk_history-"))
    workdir.mkdir(parents=True, exist_ok=True)
    renames: list[dict] = []
    removals: list[dict] = []
    deprecated: list[dict] = []
    versions: dict[str, dict] = {}
    for package, majors in PACKAGES.items():
        distribution = package.replace("_", "-")
        version, new, here = installed(package, workdir)
        versions[package] = {"installed": version, "installed_here": here, "old": {}}
        deprecated += Differ(package, 0, version, new, new).deprecated()
        for major in majors:
            old_version = latest_of_major(distribution, major)
            versions[package]["old"][str(major)] = old_version
            old = read_inventory(package, fetch(distribution, old_version, workdir), workdir, old_version)
            differ = diff(package, major, old_version, old, new)
            renames += differ.renames
            removals += differ.removals
    document = {
        "source": "Generated by scripts/sdk_history.py from the SDKs themselves; do not edit by hand (see agent/core/sdk_history.py for the shape).",
        "format": FORMAT,
        "command": "python scripts/sdk_history.py",
        "versions": versions,
        "renames": merged(renames),
        "removals": merged(removals),
        "deprecated": sorted(deprecated, key=lambda r: (r["package"], r["module"], r["class"], r["kind"], r["old"])),
    }
    args.out.write_text(json.dumps(document, indent=0, ensure_ascii=False, sort_keys=False) + "\n")
    counts = ", ".join(f"{len(document[part])} {part}" for part in ("renames", "removals", "deprecated"))
    print(f"{args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
