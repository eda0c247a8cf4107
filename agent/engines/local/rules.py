"""The AWS rules the local engine enforces, answering in the exact text pulumi-aws prints on AWS.

The mock monitor never reaches AWS or the provider's checks, so these rules stand in for both:
preview gets the provider's validation failures, up also gets the failing AWS API call.
Every fact comes from config/rules/*.json, which the fixers read too.
"""

from __future__ import annotations

import base64
import re
import secrets
import uuid
from typing import Any, Optional

from agent.config import load_data

RDS_CREATES = {
    "aws:rds/cluster:Cluster": ("clusterIdentifier", "RDS Cluster", "CreateDBCluster"),
    "aws:rds/instance:Instance": ("identifier", "RDS DB Instance", "CreateDBInstance"),
    "aws:rds/globalCluster:GlobalCluster": ("globalClusterIdentifier", "RDS Global Cluster", "CreateGlobalCluster"),
}
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


def nearest_version(engine: str, version: str, region: str) -> Optional[str]:
    """The smallest offered version of the same major at or above `version`, else the highest below it."""
    major = major_of(engine, version)
    same_major = [v for v in offered_versions(engine, region) if major_of(engine, v) == major]
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


# ---- naming ----------------------------------------------------------------
def naming_rule(type_token: str) -> Optional[dict[str, Any]]:
    return load_data("rules/naming_rules.json")["rules"].get(type_token)


def _naming_error(type_token: str, logical_name: str, inputs: dict, phase: str) -> Optional[str]:
    rule = naming_rule(type_token)
    value = inputs.get(rule["input"]) if rule else None
    if not isinstance(value, str) or rule["phase"] != phase or re.match(rule["pattern"], value):
        return None
    if phase == "preview":
        problem = rule["message"].format(property=rule["property"])
        return (
            f"{type_token} resource '{logical_name}' has a problem: invalid value for {rule['property']} "
            f"({problem}). Examine values at '{logical_name}.{rule['input']}'."
        )
    return (
        f"creating S3 Bucket ({value}): operation error S3: CreateBucket, https response error "
        f"StatusCode: 400, RequestID: {_s3_request_id()}, HostID: {_s3_host_id()}, {rule['message']}"
    )


def _s3_request_id() -> str:
    return secrets.token_hex(8).upper()


def _s3_host_id() -> str:
    return base64.b64encode(secrets.token_bytes(57)).decode()


# ---- RDS API ---------------------------------------------------------------
def autoname(logical_name: str) -> str:
    """The physical name Pulumi gives a resource without one: lowercased for these types."""
    return f"{logical_name.lower()}-{secrets.token_hex(4)[:7]}"


def _rds_api_error(type_token: str, logical_name: str, inputs: dict, region: str) -> Optional[str]:
    id_input, noun, operation = RDS_CREATES[type_token]
    engine = inputs.get("engine")
    if not isinstance(engine, str):
        return None
    version = inputs.get("engineVersion")
    username = inputs.get("masterUsername")
    if isinstance(version, str) and version and not version_offered(engine, version, region):
        code, text = "InvalidParameterCombination", f"Cannot find version {version} for {engine}"
    elif isinstance(username, str) and is_reserved_username(engine, username):
        code = "InvalidParameterValue"
        text = f"MasterUsername {username} cannot be used as it is a reserved word used by the engine"
    else:
        return None
    identifier = inputs.get(id_input) or autoname(logical_name)
    return (
        f"creating {noun} ({identifier}): operation error RDS: {operation}, https response error "
        f"StatusCode: 400, RequestID: {uuid.uuid4()}, api error {code}: {text}"
    )


def check_resource(type_token: str, logical_name: str, inputs: dict, region: str, phase: str) -> list[str]:
    """The errors registering this resource produces in `phase` ("preview" or "up"); [] when it is fine.

    A resource failing the provider's checks never reaches AWS, so up reports those alone;
    otherwise up reports the first AWS API error (the create call fails once).
    """
    preview_error = _naming_error(type_token, logical_name, inputs, "preview")
    if preview_error or phase != "up":
        return [preview_error] if preview_error else []
    if type_token in RDS_CREATES:
        api_error = _rds_api_error(type_token, logical_name, inputs, region)
    else:
        api_error = _naming_error(type_token, logical_name, inputs, "up")
    return [api_error] if api_error else []
