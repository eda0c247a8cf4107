"""The AWS facts the local engine enforces and the fixers repair against (agent/core/aws_facts.py)."""

import datetime

import pytest

from agent.core.aws_facts import (
    CACHE_ENGINE_VERSION,
    ENGINE_VERSION,
    INSTANCE_CLASS,
    NODE_TYPE,
    RUNTIME,
    is_reserved_username,
    major_of,
    naming_rule,
    nearest_among,
    nearest_version,
    offered_versions,
    replacement,
    retired,
    username_substitute,
    version_offered,
)


# ---- engine versions (cfn-lint's data) -------------------------------------
@pytest.mark.parametrize(
    "engine, version",
    [("aurora-mysql", "8.0.mysql_aurora.3.04.0"), ("aurora-postgresql", "13.9"), ("aurora-postgresql", "14.6"), ("postgres", "15")],
)
def test_versions_the_data_lists_as_available_are_offered(engine, version):
    assert version_offered(engine, version, "us-east-1")
    assert not retired(ENGINE_VERSION, version, engine=engine)


@pytest.mark.parametrize(
    "engine, version", [("aurora-postgresql", "15.3"), ("postgres", "15.4"), ("postgres", "9.6.24"), ("postgres", "15.99")]
)
def test_deprecated_or_unlisted_versions_are_retired(engine, version):
    assert not version_offered(engine, version, "us-east-1")
    assert retired(ENGINE_VERSION, version, engine=engine)


def test_nearest_version_is_an_offered_minor_of_the_same_major():
    new = nearest_version("aurora-postgresql", "15.3", "us-east-1")
    assert new.startswith("15.") and version_offered("aurora-postgresql", new, "us-east-1")
    assert nearest_version("postgres", "9.3", "us-east-1") is None
    highest_15 = [v for v in offered_versions("postgres", "us-east-1") if v.startswith("15.")][-1]
    assert nearest_version("postgres", "15.99", "us-east-1") == highest_15


@pytest.mark.parametrize(
    "engine, version, major",
    [("postgres", "15.4", "15"), ("mysql", "8.0.36", "8.0"), ("aurora-mysql", "8.0.mysql_aurora.3.05.2", "8.0")],
)
def test_major_of_is_one_part_for_postgresql_and_two_for_the_mysql_family(engine, version, major):
    assert major_of(engine, version) == major


def test_nearest_among_orders_versions_numerically_not_as_text():
    assert nearest_among("postgres", "15.3", ["15.10", "15.2", "15.9"]) == "15.9"
    assert nearest_among("postgres", "15.11", ["15.10", "15.2", "15.9", "16.1"]) == "15.10"


def test_an_engine_the_data_does_not_know_is_not_judged():
    assert version_offered("oracle-ee-nonesuch", "19.0", "us-east-1")


# ---- other retired values ---------------------------------------------------------
TODAY = datetime.date(2026, 12, 3)


def test_lambda_runtimes_are_retired_once_creation_is_blocked():
    assert retired(RUNTIME, "python3.7", today=TODAY)
    assert not retired(RUNTIME, "python3.12", today=TODAY)
    assert not retired(RUNTIME, "python3.8", today=TODAY)  # deprecated, but creation is blocked only from 2027-02-01
    assert retired(RUNTIME, "python3.8", today=datetime.date(2027, 2, 2))


def test_a_retired_runtime_moves_to_the_oldest_current_one_of_its_language():
    assert replacement(RUNTIME, "python3.7", today=TODAY) == "python3.11"
    assert replacement(RUNTIME, "nodejs14.x", today=TODAY) == "nodejs22.x"


def test_instance_classes_are_per_engine_and_region():
    assert not retired(INSTANCE_CLASS, "db.t3.micro", engine="postgres", region="us-east-1")
    assert retired(INSTANCE_CLASS, "db.t3.micro", engine="aurora-postgresql", region="us-east-1")
    assert replacement(INSTANCE_CLASS, "db.t3.micro", engine="aurora-postgresql", region="us-east-1").startswith("db.t")


def test_node_types_are_per_region():
    assert not retired(NODE_TYPE, "cache.t3.micro")
    assert retired(NODE_TYPE, "cache.m3.medium")
    assert replacement(NODE_TYPE, "cache.t1.micro") == "cache.t2.micro"


def test_cache_engine_versions_take_a_major_minor_for_any_patch():
    assert not retired(CACHE_ENGINE_VERSION, "7.1", engine="redis")
    assert not retired(CACHE_ENGINE_VERSION, "6.x", engine="redis")
    assert retired(CACHE_ENGINE_VERSION, "4.0.13", engine="redis")
    assert replacement(CACHE_ENGINE_VERSION, "4.0.13", engine="redis") == "4.0.10"


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown kind"):
        retired("colour", "blue")


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
