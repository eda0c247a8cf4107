"""The local engine's AWS rules: each rule family with a resource that passes and one that fails."""

import re

import pytest

from agent.classify import classify_text
from agent.engines.local.rules import check_resource, nearest_version, offered_versions
from agent.errors import ErrorKind

CLUSTER = "aws:rds/cluster:Cluster"
INSTANCE = "aws:rds/instance:Instance"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"


def cluster(**inputs):
    return {"engine": "aurora-postgresql", "engineVersion": "15.10", "masterUsername": "dbadmin",
            "clusterIdentifier": "orders-db", **inputs}


# ---- engine versions --------------------------------------------------------
def test_retired_version_fails_on_up_with_the_aws_text():
    [error] = check_resource(CLUSTER, "orders", cluster(engineVersion="15.3"), "us-east-1", "up")
    assert re.fullmatch(
        r"creating RDS Cluster \(orders-db\): operation error RDS: CreateDBCluster, https response error "
        rf"StatusCode: 400, RequestID: {UUID}, api error InvalidParameterCombination: "
        r"Cannot find version 15\.3 for aurora-postgresql",
        error,
    )
    assert classify_text(error) == (ErrorKind.ENGINE_VERSION, {"version": "15.3", "engine": "aurora-postgresql"})


def test_version_errors_are_api_errors_so_preview_passes():
    assert check_resource(CLUSTER, "orders", cluster(engineVersion="15.3"), "us-east-1", "preview") == []


@pytest.mark.parametrize("version", ["15.10", "15", None])
def test_offered_major_only_or_absent_version_passes(version):
    assert check_resource(CLUSTER, "orders", cluster(engineVersion=version), "us-east-1", "up") == []


def test_instance_error_names_the_instance_operation():
    inputs = {"engine": "postgres", "engineVersion": "15.4", "identifier": "orders", "masterUsername": "app"}
    [error] = check_resource(INSTANCE, "orders", inputs, "us-east-1", "up")
    assert error.startswith("creating RDS DB Instance (orders): operation error RDS: CreateDBInstance, ")
    assert error.endswith("api error InvalidParameterCombination: Cannot find version 15.4 for postgres")


def test_autonamed_cluster_is_reported_under_a_lowercased_autoname():
    inputs = cluster(engineVersion="15.5")
    del inputs["clusterIdentifier"]
    [error] = check_resource(CLUSTER, "OrdersDb", inputs, "us-east-1", "up")
    assert re.match(r"creating RDS Cluster \(ordersdb-[0-9a-f]{7}\)", error)


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


# ---- reserved usernames -----------------------------------------------------
def test_reserved_username_fails_on_up():
    [error] = check_resource(CLUSTER, "orders", cluster(masterUsername="admin"), "us-east-1", "up")
    assert error.endswith(
        "api error InvalidParameterValue: MasterUsername admin cannot be used as it is a reserved word used by the engine"
    )
    assert classify_text(error) == (ErrorKind.RESERVED_USERNAME, {"username": "admin"})


def test_username_reserved_only_for_another_engine_passes():
    inputs = cluster(engine="aurora-mysql", engineVersion="8.0.mysql_aurora.3.08.2", masterUsername="admin")
    assert check_resource(CLUSTER, "orders", inputs, "us-east-1", "up") == []


# ---- lowercase identifiers --------------------------------------------------
def test_uppercase_cluster_identifier_fails_preview_as_a_provider_check():
    [error] = check_resource(CLUSTER, "orders", cluster(clusterIdentifier="Orders-DB"), "us-east-1", "preview")
    assert error == (
        "aws:rds/cluster:Cluster resource 'orders' has a problem: invalid value for cluster_identifier "
        '(only lowercase alphanumeric characters and hyphens allowed in "cluster_identifier"). '
        "Examine values at 'orders.clusterIdentifier'."
    )
    assert classify_text(error) == (ErrorKind.INVALID_NAME, {"property": "cluster_identifier"})


def test_check_failure_stops_up_before_any_api_error():
    inputs = cluster(clusterIdentifier="Orders", engineVersion="15.3")
    [error] = check_resource(CLUSTER, "orders", inputs, "us-east-1", "up")
    assert "has a problem" in error


def test_subnet_group_name_allows_underscores_periods_spaces_but_not_capitals():
    token = "aws:rds/subnetGroup:SubnetGroup"
    assert check_resource(token, "subnets", {"name": "db_subnets.a b-1"}, "us-east-1", "preview") == []
    [error] = check_resource(token, "subnets", {"name": "DbSubnets"}, "us-east-1", "preview")
    assert "only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in \"name\"" in error
    assert classify_text(error)[0] is ErrorKind.INVALID_NAME


def test_cluster_parameter_group_name():
    token = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
    assert check_resource(token, "params", {"name": "orders-pg15"}, "us-east-1", "preview") == []
    [error] = check_resource(token, "params", {"name": "Orders-PG15"}, "us-east-1", "preview")
    assert classify_text(error) == (ErrorKind.INVALID_NAME, {"property": "name"})


def test_autonamed_resources_are_not_flagged():
    assert check_resource(INSTANCE, "OrdersDb", {"engine": "postgres"}, "us-east-1", "up") == []


@pytest.mark.parametrize("token", ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"])
def test_bucket_name_is_an_up_phase_api_error(token):
    assert check_resource(token, "logs", {"bucket": "My-Logs"}, "us-east-1", "preview") == []
    assert check_resource(token, "logs", {"bucket": "my-logs.2026"}, "us-east-1", "up") == []
    [error] = check_resource(token, "logs", {"bucket": "My-Logs"}, "us-east-1", "up")
    assert re.fullmatch(
        r"creating S3 Bucket \(My-Logs\): operation error S3: CreateBucket, https response error StatusCode: 400, "
        r"RequestID: [0-9A-F]{16}, HostID: [A-Za-z0-9+/=]+, api error InvalidBucketName: The specified bucket is not valid\.",
        error,
    )
    assert classify_text(error)[0] is ErrorKind.INVALID_NAME


@pytest.mark.parametrize("name", ["ab", "my..logs", "192.168.1.1", "logs-", "xn--logs", "my_logs"])
def test_other_bucket_naming_rules(name):
    assert check_resource("aws:s3/bucket:Bucket", "logs", {"bucket": name}, "us-east-1", "up")
