"""The mutation families, by name, and the seeded choice of which of their sites to run.

Each family is a function `sites(files) -> list[Mutation]` (benchmarks/mutators/_base.py) that
applies only where its pattern exists. `variants` picks up to N sites per family over all the
projects with a generator seeded by (seed, family), so a run is reproducible and one family's
picks do not depend on which other families run.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

from benchmarks.mutators._base import Files, Mutation, normalized, reached, read_files
from benchmarks.mutators.aws_values import reserved_username, retired_engine_version, uppercase_bucket_name
from benchmarks.mutators.program import dropped_import, missing_entry_point, output_in_fstring
from benchmarks.mutators.pulumi_usage import assigned_output, cut_off_statement, invoke_resource_options, registered_output_unset
from benchmarks.mutators.sdk_names import old_argument, old_class, old_output, own_resource_inlined, wrong_module
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
    "invoke_resource_options": invoke_resource_options,
    "registered_output_unset": registered_output_unset,
    "assigned_output": assigned_output,
    "cut_off_statement": cut_off_statement,
    "own_resource_inlined": own_resource_inlined,
}


def unknown_families(names: Iterable[str]) -> list[str]:
    return [name for name in names if name not in FAMILIES]


def variants(
    projects: dict[str, Files],
    seed: int,
    per_family: int,
    families: Iterable[str] = FAMILIES,
    keep: Callable[[str, Mutation], bool] = lambda project, mutation: True,
) -> list[tuple[str, Mutation]]:
    """Up to `per_family` distinct mutations of each family over all the projects: the projects
    taken in turn (in an order drawn from the seed), each giving one of its sites drawn likewise,
    so a family's variants spread over the projects rather than pile up in the largest one."""
    families = list(families)
    found: dict[str, dict[str, list[Mutation]]] = {family: {} for family in families}
    for name, files in sorted(projects.items()):  # project by project: its parsed files stay cached for every family
        for family in families:
            found[family][name] = [m for m in dict.fromkeys(FAMILIES[family](files)) if keep(name, m)]
    chosen: list[tuple[str, Mutation]] = []
    for family in families:
        rng = random.Random(f"{seed}:{family}")
        pools = found[family]
        for pool in pools.values():
            rng.shuffle(pool)
        turn = [name for name, pool in pools.items() if pool]
        rng.shuffle(turn)
        taken = 0
        while taken < per_family and turn:
            for name in list(turn):
                if taken == per_family:
                    break
                chosen.append((name, pools[name].pop()))
                taken += 1
                if not pools[name]:
                    turn.remove(name)
    return chosen


__all__ = ["FAMILIES", "Files", "Mutation", "normalized", "reached", "read_files", "unknown_families", "variants"]
