"""The mutation families, by name, and the seeded choice of which of their sites to run.

Each family is a function `sites(files) -> list[Mutation]` (benchmarks/mutators/_base.py) that
applies only where its pattern exists. `variants` picks up to N sites per family and project
with a generator seeded by (seed, project, family), so a run is reproducible and adding a project
or a family changes no other project's picks.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

from benchmarks.mutators._base import Files, Mutation, normalized, read_files
from benchmarks.mutators.aws_values import reserved_username, retired_engine_version, uppercase_bucket_name
from benchmarks.mutators.program import dropped_import, missing_entry_point, output_in_fstring
from benchmarks.mutators.sdk_names import old_argument, old_class, old_output, wrong_module
from benchmarks.mutators.shapes import dict_for_args_list, missing_required_argument, scalar_for_list

FAMILIES: dict[str, Callable[[Files], list[Mutation]]] = {
    "old_argument": old_argument,
    "old_class": old_class,
    "old_output": old_output,
    "wrong_module": wrong_module,
    "dropped_import": dropped_import,
    "output_in_fstring": output_in_fstring,
    "dict_for_args_list": dict_for_args_list,
    "scalar_for_list": scalar_for_list,
    "missing_required_argument": missing_required_argument,
    "reserved_username": reserved_username,
    "retired_engine_version": retired_engine_version,
    "uppercase_bucket_name": uppercase_bucket_name,
    "missing_entry_point": missing_entry_point,
}


def unknown_families(names: Iterable[str]) -> list[str]:
    return [name for name in names if name not in FAMILIES]


def variants(files: Files, project: str, seed: int, per_family: int, families: Iterable[str] = FAMILIES) -> list[Mutation]:
    """Up to `per_family` distinct mutations of each family, chosen by seed among its sites."""
    chosen = []
    for family in families:
        unique = list(dict.fromkeys(FAMILIES[family](files)))  # equal: same file, line and code
        rng = random.Random(f"{seed}:{project}:{family}")
        chosen += rng.sample(unique, min(per_family, len(unique)))
    return chosen


__all__ = ["FAMILIES", "Files", "Mutation", "normalized", "read_files", "unknown_families", "variants"]
