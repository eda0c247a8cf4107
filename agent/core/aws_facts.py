"""Facts about AWS that the local engine enforces and the fixers repair against, read from config/rules/.

One home for them, so the engine's refusal and the fixer's remedy cannot drift apart:
which RDS engine versions are offered, which master user names are reserved, which names are valid.
"""

from __future__ import annotations

import re
from typing import Any

from agent.core.config import load_data

MYSQL_FAMILY = {"mysql", "aurora-mysql", "mariadb"}


# ---- engine versions -------------------------------------------------------
def offered_versions(engine: str, region: str) -> list[str]:
    """The versions of an engine AWS offers in a region, oldest first; [] for an engine not in the catalog."""
    catalog = load_data("rules/rds_engine_versions.json")
    versions = catalog.get("regions", {}).get(region, {}).get(engine, catalog["engines"].get(engine, []))
    return sorted(versions, key=version_key)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def major_of(engine: str, version: str) -> str:
    """15.4 -> 15 (PostgreSQL 10+); 8.0.36 and 8.0.mysql_aurora.3.05.2 -> 8.0 (MySQL, MariaDB)."""
    parts = version.split(".")
    return ".".join(parts[:2]) if engine in MYSQL_FAMILY else parts[0]


def nearest_version(engine: str, version: str, region: str) -> str | None:
    """The nearest version of the same major the catalog offers in the region (see nearest_among)."""
    return nearest_among(engine, version, offered_versions(engine, region))


def nearest_among(engine: str, version: str, offered: list[str]) -> str | None:
    """The smallest offered version of the same major at or above `version`, else the highest below it."""
    major = major_of(engine, version)
    same_major = sorted((v for v in offered if major_of(engine, v) == major), key=version_key)
    above = [v for v in same_major if version_key(v) >= version_key(version)]
    if above:
        return above[0]
    return same_major[-1] if same_major else None


def version_offered(engine: str, version: str, region: str) -> bool:
    """True when AWS would accept the version: offered, given as a major only, or an engine not catalogued."""
    offered = offered_versions(engine, region)
    return not offered or version == major_of(engine, version) or version in offered


# ---- reserved usernames ----------------------------------------------------
def reserved_usernames(engine: str) -> set[str]:
    return set(load_data("rules/reserved_usernames.json")["engines"].get(engine, []))


def is_reserved_username(engine: str, username: str) -> bool:
    return username.lower() in reserved_usernames(engine)


def username_substitute(username: str) -> str:
    data = load_data("rules/reserved_usernames.json")
    return data["substitutions"].get(username.lower(), username + data["fallback_suffix"])


def username_keys() -> set[str]:
    """Keys under which a credentials dict (e.g. a secret's JSON) carries the master user name."""
    return set(load_data("rules/reserved_usernames.json")["username_keys"])


# ---- naming ----------------------------------------------------------------
def naming_rules() -> dict[str, dict[str, Any]]:
    """The name rule of each resource type (by type token) that has one."""
    return load_data("rules/naming_rules.json")["rules"]


def naming_rule(type_token: str) -> dict[str, Any] | None:
    return naming_rules().get(type_token)
