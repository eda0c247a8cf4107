"""The AWS facts the local engine enforces and the fixers repair against (agent/core/aws_facts.py)."""

import pytest

from agent.core.aws_facts import (
    is_reserved_username,
    major_of,
    naming_rule,
    nearest_among,
    nearest_version,
    offered_versions,
    username_substitute,
    version_offered,
)


# ---- engine versions --------------------------------------------------------
@pytest.mark.parametrize("engine", ["postgres", "aurora-postgresql"])
def test_catalog_retires_15_3_to_15_5_but_offers_minors_of_current_majors(engine):
    offered = offered_versions(engine, "us-east-1")
    assert not {"15.3", "15.4", "15.5"} & set(offered)
    for major in ("15", "16", "17"):
        assert any(v.startswith(major + ".") for v in offered)


def test_nearest_version_prefers_the_next_offered_minor_then_the_highest_below():
    assert nearest_version("aurora-postgresql", "15.3", "us-east-1") == "15.8"
    assert nearest_version("postgres", "15.99", "us-east-1") == "15.16"
    assert nearest_version("postgres", "9.3", "us-east-1") is None
    assert nearest_version("mysql", "8.0.11", "us-east-1") == "8.0.40"


@pytest.mark.parametrize(
    "engine, version, major",
    [("postgres", "15.4", "15"), ("mysql", "8.0.36", "8.0"), ("aurora-mysql", "8.0.mysql_aurora.3.05.2", "8.0")],
)
def test_major_of_is_one_part_for_postgresql_and_two_for_the_mysql_family(engine, version, major):
    assert major_of(engine, version) == major


def test_nearest_among_orders_versions_numerically_not_as_text():
    assert nearest_among("postgres", "15.3", ["15.10", "15.2", "15.9"]) == "15.9"
    assert nearest_among("postgres", "15.11", ["15.10", "15.2", "15.9", "16.1"]) == "15.10"


@pytest.mark.parametrize(
    "engine, version, offered",
    [("postgres", "15.3", False), ("postgres", "15", True), ("postgres", "15.10", True), ("oracle-ee", "19.0", True)],
)
def test_version_offered_accepts_a_major_alone_and_any_uncatalogued_engine(engine, version, offered):
    assert version_offered(engine, version, "us-east-1") is offered


# ---- reserved usernames -----------------------------------------------------
def test_reserved_usernames_are_per_engine_and_case_insensitive():
    assert is_reserved_username("postgres", "Admin")
    assert not is_reserved_username("mysql", "admin")


def test_username_substitute_is_documented_or_suffixed():
    assert username_substitute("Admin") == "dbadmin"
    assert username_substitute("postgres") == "postgres_user"


# ---- naming -----------------------------------------------------------------
def test_naming_rule_by_type_token():
    assert naming_rule("aws:rds/cluster:Cluster")["property"] == "cluster_identifier"
    assert naming_rule("aws:ecs/cluster:Cluster") is None
