"""The local engine's AWS rules: each rule family with a resource that passes and one that fails."""

import re

import pytest
from pulumi.runtime import rpc

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind
from agent.engines.local.outputs import Synthesizer
from agent.engines.local.rules import RunState, check_resource

CLUSTER = "aws:rds/cluster:Cluster"
INSTANCE = "aws:rds/instance:Instance"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture
def state():
    """One phase run's state: what the resources checked so far in a test created."""
    return RunState()


def cluster(**inputs):
    return {
        "engine": "aurora-postgresql",
        "engineVersion": "15.10",
        "masterUsername": "dbadmin",
        "clusterIdentifier": "orders-db",
        **inputs,
    }


# ---- engine versions --------------------------------------------------------
def test_retired_version_fails_on_up_with_the_aws_text(state):
    [error] = check_resource(state, CLUSTER, "orders", cluster(engineVersion="15.3"), "us-east-1", "up")
    assert re.fullmatch(
        r"creating RDS Cluster \(orders-db\): operation error RDS: CreateDBCluster, https response error "
        rf"StatusCode: 400, RequestID: {UUID}, api error InvalidParameterCombination: "
        r"Cannot find version 15\.3 for aurora-postgresql",
        error,
    )
    assert classify_text(error) == (ErrorKind.ENGINE_VERSION, {"version": "15.3", "engine": "aurora-postgresql"})


def test_version_errors_are_api_errors_so_preview_passes(state):
    assert check_resource(state, CLUSTER, "orders", cluster(engineVersion="15.3"), "us-east-1", "preview") == []


@pytest.mark.parametrize("version", ["15.10", "15", None])
def test_offered_major_only_or_absent_version_passes(version, state):
    assert check_resource(state, CLUSTER, "orders", cluster(engineVersion=version), "us-east-1", "up") == []


def test_instance_error_names_the_instance_operation(state):
    inputs = {"engine": "postgres", "engineVersion": "15.4", "identifier": "orders", "username": "app"}
    [error] = check_resource(state, INSTANCE, "orders", inputs, "us-east-1", "up")
    assert error.startswith("creating RDS DB Instance (orders): operation error RDS: CreateDBInstance, ")
    assert error.endswith("api error InvalidParameterCombination: Cannot find version 15.4 for postgres")


def test_autonamed_cluster_is_reported_under_a_lowercased_autoname(state):
    inputs = cluster(engineVersion="15.5")
    del inputs["clusterIdentifier"]
    [error] = check_resource(state, CLUSTER, "OrdersDb", inputs, "us-east-1", "up")
    assert re.match(r"creating RDS Cluster \(ordersdb-[0-9a-f]{7}\)", error)


# ---- reserved usernames -----------------------------------------------------
def test_reserved_username_fails_on_up(state):
    [error] = check_resource(state, CLUSTER, "orders", cluster(masterUsername="admin"), "us-east-1", "up")
    assert error.endswith(
        "api error InvalidParameterValue: MasterUsername admin cannot be used as it is a reserved word used by the engine"
    )
    assert classify_text(error) == (ErrorKind.RESERVED_USERNAME, {"username": "admin"})


def test_an_instances_reserved_username_fails_under_its_own_input_name(state):
    """An rds.Instance names its master user `username` (a Cluster, `masterUsername`): AWS refuses both alike."""
    inputs = {"engine": "postgres", "identifier": "orders", "username": "admin", "password": "Str0ngPassw0rd"}
    [error] = check_resource(state, INSTANCE, "orders", inputs, "us-east-1", "up")
    assert error.endswith(
        "api error InvalidParameterValue: MasterUsername admin cannot be used as it is a reserved word used by the engine"
    )
    assert check_resource(state, INSTANCE, "orders", {**inputs, "username": "appadmin"}, "us-east-1", "up") == []


def test_username_reserved_only_for_another_engine_passes(state):
    inputs = cluster(engine="aurora-mysql", engineVersion="8.0.mysql_aurora.3.08.2", masterUsername="admin")
    assert check_resource(state, CLUSTER, "orders", inputs, "us-east-1", "up") == []


# ---- lowercase identifiers --------------------------------------------------
def test_uppercase_cluster_identifier_fails_preview_as_a_provider_check(state):
    [error] = check_resource(state, CLUSTER, "orders", cluster(clusterIdentifier="Orders-DB"), "us-east-1", "preview")
    assert error == (
        "aws:rds/cluster:Cluster resource 'orders' has a problem: invalid value for cluster_identifier "
        '(only lowercase alphanumeric characters and hyphens allowed in "cluster_identifier"). '
        "Examine values at 'orders.clusterIdentifier'."
    )
    rule = 'only lowercase alphanumeric characters and hyphens allowed in "cluster_identifier"'
    assert classify_text(error) == (ErrorKind.INVALID_NAME, {"rule": rule, "property": "cluster_identifier"})


def test_check_failure_stops_up_before_any_api_error(state):
    inputs = cluster(clusterIdentifier="Orders", engineVersion="15.3")
    [error] = check_resource(state, CLUSTER, "orders", inputs, "us-east-1", "up")
    assert "has a problem" in error


def test_subnet_group_name_allows_underscores_periods_spaces_but_not_capitals(state):
    token = "aws:rds/subnetGroup:SubnetGroup"
    assert check_resource(state, token, "subnets", {"name": "db_subnets.a b-1"}, "us-east-1", "preview") == []
    [error] = check_resource(state, token, "subnets", {"name": "DbSubnets"}, "us-east-1", "preview")
    assert 'only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in "name"' in error
    assert classify_text(error)[0] is ErrorKind.INVALID_NAME


def test_cluster_parameter_group_name(state):
    token = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
    assert check_resource(state, token, "params", {"name": "orders-pg15"}, "us-east-1", "preview") == []
    [error] = check_resource(state, token, "params", {"name": "Orders-PG15"}, "us-east-1", "preview")
    rule = 'only lowercase alphanumeric characters, periods, and hyphens allowed in parameter group "name"'
    assert classify_text(error) == (ErrorKind.INVALID_NAME, {"rule": rule, "property": "name"})


def test_autonamed_resources_are_not_flagged(state):
    assert check_resource(state, INSTANCE, "OrdersDb", {"engine": "postgres"}, "us-east-1", "up") == []


@pytest.mark.parametrize("token", ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"])
def test_bucket_name_is_an_up_phase_api_error(token, state):
    assert check_resource(state, token, "logs", {"bucket": "My-Logs"}, "us-east-1", "preview") == []
    assert check_resource(state, token, "logs", {"bucket": "my-logs.2026"}, "us-east-1", "up") == []
    [error] = check_resource(state, token, "logs", {"bucket": "My-Logs"}, "us-east-1", "up")
    assert re.fullmatch(
        r"creating S3 Bucket \(My-Logs\): operation error S3: CreateBucket, https response error StatusCode: 400, "
        r"RequestID: [0-9A-F]{16}, HostID: [A-Za-z0-9+/=]+, api error InvalidBucketName: The specified bucket is not valid\.",
        error,
    )
    assert classify_text(error)[0] is ErrorKind.INVALID_NAME


@pytest.mark.parametrize("name", ["ab", "my..logs", "192.168.1.1", "logs-", "xn--logs", "my_logs"])
def test_other_bucket_naming_rules(name, state):
    assert check_resource(state, "aws:s3/bucket:Bucket", "logs", {"bucket": name}, "us-east-1", "up")


# ---- provider checks (preview) ----------------------------------------------
def problem(token, name, reason, prop):
    return f"{token} resource '{name}' has a problem: {reason}. Examine values at '{name}.{prop}'."


def test_kinesis_retention_outside_24_to_8760_hours_fails_preview(state):
    token = "aws:kinesis/stream:Stream"
    assert check_resource(state, token, "events", {"retentionPeriod": 168.0}, "us-east-1", "preview") == []
    assert check_resource(state, token, "events", {"retentionPeriod": 12.0}, "us-east-1", "preview") == [
        problem(token, "events", "expected retention_period to be in the range (24 - 8760), got 12", "retentionPeriod")
    ]


def test_replication_group_id_gets_every_provider_complaint(state):
    token = "aws:elasticache/replicationGroup:ReplicationGroup"
    assert check_resource(state, token, "cache", {"replicationGroupId": "Orders-Cache-1"}, "us-east-1", "preview") == []
    errors = check_resource(state, token, "cache", {"replicationGroupId": "1orders--cache-"}, "us-east-1", "preview")
    assert [e.split("(")[1].split(")")[0] for e in errors] == [
        "must begin with a letter",
        "cannot contain two consecutive hyphens",
        "cannot end with a hyphen",
    ]
    [too_long] = check_resource(state, token, "cache", {"replicationGroupId": "a" * 41}, "us-east-1", "preview")
    assert "expected length of replication_group_id to be in the range (1 - 40)" in too_long


def test_lambda_name_pattern_is_a_preview_check_and_64_chars_an_api_error(state):
    token = "aws:lambda/function:Function"
    [bad] = check_resource(state, token, "fn", {"name": "orders handler"}, "us-east-1", "preview")
    assert bad == problem(token, "fn", "invalid value for function_name (must be valid function name or function ARN)", "name")
    assert check_resource(state, token, "fn", {"name": "f" * 64}, "us-east-1", "up") == []
    [long] = check_resource(state, token, "fn", {"name": "f" * 65}, "us-east-1", "up")
    assert re.fullmatch(
        rf"creating Lambda Function \(f{{65}}\): operation error Lambda: CreateFunction, https response error "
        rf"StatusCode: 400, RequestID: {UUID}, InvalidParameterValueException: 1 validation error detected: "
        rf"Value 'f{{65}}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64",
        long,
    )


def test_iam_name_limits_come_from_botocore(state):
    role, policy = "aws:iam/role:Role", "aws:iam/policy:Policy"
    assert check_resource(state, role, "r", {"name": "app+role=1,a.b@c-d_e"}, "us-east-1", "preview") == []
    [long_role] = check_resource(state, role, "r", {"name": "r" * 65}, "us-east-1", "preview")
    assert "expected length of name to be in the range (1 - 64)" in long_role
    assert check_resource(state, policy, "p", {"name": "p" * 128}, "us-east-1", "preview") == []
    [bad] = check_resource(state, policy, "p", {"name": "read:all"}, "us-east-1", "preview")
    assert bad == problem(policy, "p", r"invalid value for name (must match [\w+=,.@-])", "name")


def test_log_group_name(state):
    token = "aws:cloudwatch/logGroup:LogGroup"
    assert check_resource(state, token, "logs", {"name": "/aws/lambda/orders_v1.#2"}, "us-east-1", "preview") == []
    [bad] = check_resource(state, token, "logs", {"name": "/aws/lambda/orders:v1"}, "us-east-1", "preview")
    assert '"name" isn\'t a valid log group name' in bad and bad.endswith(": \"/aws/lambda/orders:v1\". Examine values at 'logs.name'.")
    [long] = check_resource(state, token, "logs", {"name": "a" * 513}, "us-east-1", "preview")
    assert '"name" cannot be longer than 512 characters' in long


def test_bucket_longer_than_63_is_a_provider_check(state):
    token = "aws:s3/bucket:Bucket"
    [error] = check_resource(state, token, "logs", {"bucket": "b" * 64}, "us-east-1", "preview")
    assert "expected length of bucket to be in the range (0 - 63)" in error


@pytest.mark.parametrize(
    "token, inputs, message",
    [
        ("aws:sqs/queue:Queue", {"name": "orders", "fifoQueue": True}, "invalid queue name: orders"),
        ("aws:sqs/queue:Queue", {"name": "orders.fifo"}, "invalid queue name: orders.fifo"),
        ("aws:sqs/queue:Queue", {"name": "q" * 81}, "invalid queue name: " + "q" * 81),
        ("aws:sns/topic:Topic", {"name": "alerts", "fifoTopic": True}, "invalid topic name: alerts"),
    ],
)
def test_queue_and_topic_names_fail_the_providers_plan(token, inputs, message, state):
    assert check_resource(state, token, "q", inputs, "us-east-1", "preview") == [message]


@pytest.mark.parametrize(
    "token, inputs",
    [
        ("aws:sqs/queue:Queue", {"name": "orders.fifo", "fifoQueue": True}),
        ("aws:sqs/queue:Queue", {"name": "q" * 80}),
        ("aws:sns/topic:Topic", {"name": "t" * 256}),
        ("aws:sqs/queue:Queue", {"fifoQueue": True}),
    ],
)
def test_valid_or_autonamed_queues_and_topics_pass(token, inputs, state):
    assert check_resource(state, token, "q", inputs, "us-east-1", "up") == []


def test_dynamodb_table_name_is_an_api_error(state):
    token = "aws:dynamodb/table:Table"
    assert check_resource(state, token, "t", {"name": "orders.v1-a_b"}, "us-east-1", "up") == []
    [short] = check_resource(state, token, "t", {"name": "ab"}, "us-east-1", "up")
    assert short.startswith("creating DynamoDB Table (ab): operation error DynamoDB: CreateTable, ")
    assert short.endswith("api error ValidationException: TableName must be at least 3 characters long and at most 255 characters long")
    [bad] = check_resource(state, token, "t", {"name": "orders table"}, "us-east-1", "up")
    assert "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" in bad


def test_unknown_and_secret_values(state):
    token = "aws:kinesis/stream:Stream"
    assert check_resource(state, token, "s", {"retentionPeriod": None}, "us-east-1", "preview") == []
    assert check_resource(state, token, "s", {"retentionPeriod": {"x": 1}}, "us-east-1", "preview") == []
    secret = {rpc._special_sig_key: rpc._special_secret_sig, "value": "bad/password1"}
    [error] = check_resource(state, CLUSTER, "orders", cluster(masterPassword=secret), "us-east-1", "up")
    assert "MasterUserPassword is not a valid password" in error


# ---- RDS master password -----------------------------------------------------
@pytest.mark.parametrize(
    "engine, password, text",
    [
        (
            "aurora-postgresql",
            "short1",
            "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.",
        ),
        ("mysql", "p" * 42, "The parameter MasterUserPassword is not a valid password because it is longer than 41 characters."),
        ("postgres", "p" * 129, "The parameter MasterUserPassword is not a valid password because it is longer than 128 characters."),
        (
            "postgres",
            "pass word1",
            "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.",
        ),
        (
            "aurora-mysql",
            'pass"word1',
            "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.",
        ),
    ],
)
def test_invalid_master_password_fails_on_up(engine, password, text, state):
    inputs = {"engine": engine, "identifier": "orders", "username": "dbadmin", "password": password}
    assert check_resource(state, INSTANCE, "orders", inputs, "us-east-1", "preview") == []
    [error] = check_resource(state, INSTANCE, "orders", inputs, "us-east-1", "up")
    assert error.endswith("api error InvalidParameterValue: " + text)


@pytest.mark.parametrize("engine, password", [("postgres", "p" * 128), ("mysql", "Str0ng!#$%^&*()_+-=~"), ("aurora-postgresql", "p" * 100)])
def test_valid_master_password_passes(engine, password, state):
    inputs = {"engine": engine, "identifier": "orders", "username": "dbadmin", "password": password}
    assert check_resource(state, INSTANCE, "orders", inputs, "us-east-1", "up") == []


# ---- VPC and subnets ----------------------------------------------------------
VPC, SUBNET = "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"


@pytest.fixture
def vpc_id(state):
    """A VPC registered as the runner registers it: checked, then known by the id the mock gives it."""
    assert check_resource(state, VPC, "main", {"cidrBlock": "10.0.0.0/16"}, "us-east-1", "up") == []
    return Synthesizer("us-east-1").resource_id(VPC, "main", {})


def test_vpc_cidr_must_be_a_network_of_16_to_28_bits(state):
    [not_network, too_wide] = check_resource(state, VPC, "main", {"cidrBlock": "10.0.0.1/8"}, "us-east-1", "preview")
    assert not_network == problem(
        VPC, "main", "expected cidr_block to contain a valid network Value, expected 10.0.0.0/8, got 10.0.0.1/8", "cidrBlock"
    )
    assert 'expected "cidr_block" to contain a network Value with between 16 and 28 significant bits, got: 8' in too_wide
    [garbage] = check_resource(state, VPC, "main", {"cidrBlock": "10.0.0.0/33"}, "us-east-1", "preview")
    assert "expected cidr_block to contain a valid Value, got: 10.0.0.0/33 with err: invalid CIDR address: 10.0.0.0/33" in garbage


def test_subnet_cidr_must_be_an_ipv4_network(state):
    [error] = check_resource(state, SUBNET, "a", {"cidrBlock": "10.0.1.5/24"}, "us-east-1", "preview")
    assert '"10.0.1.5/24" is not a valid IPv4 CIDR block; did you mean "10.0.1.0/24"?' in error


def test_subnet_outside_its_vpc_fails_on_up(vpc_id, state):
    assert check_resource(state, SUBNET, "a", {"vpcId": vpc_id, "cidrBlock": "10.0.1.0/24"}, "us-east-1", "up") == []
    assert check_resource(state, SUBNET, "b", {"vpcId": vpc_id, "cidrBlock": "10.1.1.0/24"}, "us-east-1", "preview") == []
    [error] = check_resource(state, SUBNET, "b", {"vpcId": vpc_id, "cidrBlock": "10.1.1.0/24"}, "us-east-1", "up")
    assert re.fullmatch(
        rf"creating EC2 Subnet: operation error EC2: CreateSubnet, https response error StatusCode: 400, "
        rf"RequestID: {UUID}, api error InvalidSubnet.Range: The CIDR '10\.1\.1\.0/24' is invalid\.",
        error,
    )
    [tiny] = check_resource(state, SUBNET, "c", {"vpcId": vpc_id, "cidrBlock": "10.0.9.0/29"}, "us-east-1", "up")
    assert "InvalidSubnet.Range" in tiny


def test_a_vpc_registered_in_one_run_is_unknown_to_another(vpc_id, state):
    outside = {"vpcId": vpc_id, "cidrBlock": "10.1.1.0/24"}
    assert check_resource(state, SUBNET, "b", outside, "us-east-1", "up")
    assert check_resource(RunState(), SUBNET, "b", outside, "us-east-1", "up") == []


def test_secondary_vpc_cidr_and_unknown_vpcs_are_respected(vpc_id, state):
    association = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation"
    check_resource(state, association, "extra", {"vpcId": vpc_id, "cidrBlock": "10.1.0.0/16"}, "us-east-1", "up")
    assert check_resource(state, SUBNET, "b", {"vpcId": vpc_id, "cidrBlock": "10.1.1.0/24"}, "us-east-1", "up") == []
    assert check_resource(state, SUBNET, "d", {"vpcId": "vpc-0123456789abcdef0", "cidrBlock": "172.16.0.0/24"}, "us-east-1", "up") == []


def test_unnamed_subnet_group_is_checked_under_its_case_keeping_autoname(state):
    token = "aws:rds/subnetGroup:SubnetGroup"
    [error] = check_resource(state, token, "db-subnets-TapStackdev", {"subnetIds": ["s-1"]}, "us-east-1", "preview")
    assert "only lowercase alphanumeric characters" in error and "'db-subnets-TapStackdev'" in error
    assert check_resource(state, token, "db-subnets-dev", {"subnetIds": ["s-1"]}, "us-east-1", "preview") == []


REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"


@pytest.mark.parametrize("token", ["short-token-1", "x" * 129, "abcdefgh12345678@", "abcdefgh 12345678", "abcdefgh/12345678"])
def test_redis_auth_token_outside_what_elasticache_permits_is_refused_on_up(token, state):
    inputs = {"replicationGroupId": "cache-dev", "authToken": token}
    assert check_resource(state, REPLICATION_GROUP, "cache", inputs, "us-east-1", "preview") == []
    [error] = check_resource(state, REPLICATION_GROUP, "cache", inputs, "us-east-1", "up")
    assert error.startswith("creating ElastiCache Replication Group (cache-dev)")
    assert error.endswith("InvalidParameterValue: Invalid AuthToken provided.") and token not in error


@pytest.mark.parametrize("token", ["Abc123!&#$^<>-xyz", "Abc123!#$%&()*+,-.:;<=>?[]^_{|}~"])
def test_redis_auth_token_of_permitted_characters_passes(token, state):
    """The second is the kind of token projects deployed on AWS with, beyond the User Guide's eight specials."""
    inputs = {"replicationGroupId": "cache-dev", "authToken": token}
    assert check_resource(state, REPLICATION_GROUP, "cache", inputs, "us-east-1", "up") == []


ZONE = "aws:route53/zone:Zone"


@pytest.mark.parametrize("name", ["example.com", "payments-dev.example.com", "api.example.org."])
def test_a_public_zone_for_a_documentation_domain_is_reserved_by_aws(name, state):
    assert check_resource(state, ZONE, "zone", {"name": name}, "us-east-1", "preview") == []
    [error] = check_resource(state, ZONE, "zone", {"name": name}, "us-east-1", "up")
    assert error.startswith(f"creating Route53 Hosted Zone ({name}): operation error Route 53: CreateHostedZone")
    assert error.endswith(f"InvalidDomainName: {name} is reserved by AWS!")


def test_other_public_zones_and_private_documentation_zones_pass(state):
    assert check_resource(state, ZONE, "zone", {"name": "myexample.com"}, "us-east-1", "up") == []
    assert check_resource(state, ZONE, "zone", {"name": "shop.example.com.au"}, "us-east-1", "up") == []
    private = {"name": "internal.example.com", "vpcs": [{"vpcId": "vpc-1"}]}
    assert check_resource(state, ZONE, "zone", private, "us-east-1", "up") == []


@pytest.mark.parametrize("token", ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"])
def test_load_balancer_name_rules_of_the_provider(token, state):
    assert check_resource(state, token, "web", {"name": "orders-Web-ALB-1"}, "us-east-1", "preview") == []
    assert check_resource(state, token, "web", {}, "us-east-1", "preview") == []
    [long] = check_resource(state, token, "web", {"name": "payments-processing-application-lb"}, "us-east-1", "preview")
    assert '"name" cannot be longer than 32 characters: "payments-processing-application-lb"' in long
    errors = check_resource(state, token, "web", {"name": "internal-web_"}, "us-east-1", "preview")
    assert [
        'only alphanumeric characters and hyphens allowed in "name": "internal-web_"',
        '"name" cannot begin with "internal-": "internal-web_"',
    ] == [e.split("has a problem: ")[1].split(". Examine")[0] for e in errors]


def test_target_group_name_rules_of_the_provider(state):
    token = "aws:lb/targetGroup:TargetGroup"
    assert check_resource(state, token, "tg", {"name": "orders-tg-8080"}, "us-east-1", "preview") == []
    [long] = check_resource(state, token, "tg", {"name": "t" * 33}, "us-east-1", "preview")
    assert '"name" cannot be longer than 32 characters.' in long
    [hyphen] = check_resource(state, token, "tg", {"name": "orders-"}, "us-east-1", "preview")
    assert '"name" cannot end with a hyphen' in hyphen


# ---- retired values (maintained data) ------------------------------------------
LAMBDA = "aws:lambda/function:Function"


def test_a_retired_runtime_is_refused_on_up_with_lambdas_text(state):
    [error] = check_resource(state, LAMBDA, "fn", {"name": "fn-dev", "runtime": "python2.7"}, "us-east-1", "up")
    assert error.startswith("creating Lambda Function (fn-dev): operation error Lambda: CreateFunction")
    assert "The runtime parameter of python2.7 is no longer supported for creating or updating AWS Lambda functions." in error
    assert classify_text(error) == (ErrorKind.RETIRED_VALUE, {"runtime": "python2.7"})
    assert check_resource(state, LAMBDA, "fn", {"name": "fn-dev", "runtime": "python3.12"}, "us-east-1", "up") == []


def test_a_runtime_lambda_never_had_fails_preview_as_the_providers_enum_check(state):
    [error] = check_resource(state, LAMBDA, "fn", {"runtime": "python3.99"}, "us-east-1", "preview")
    assert 'has a problem: expected runtime to be one of ["nodejs" ' in error and error.endswith(
        "got python3.99. Examine values at 'fn.runtime'."
    )


def test_an_instance_class_the_engine_lacks_is_refused_with_the_combination(state):
    inputs = {"engine": "aurora-postgresql", "engineVersion": "15.10", "clusterIdentifier": "orders", "instanceClass": "db.t3.micro"}
    [error] = check_resource(state, "aws:rds/clusterInstance:ClusterInstance", "writer", inputs, "us-east-1", "up")
    assert "DBInstanceClass=db.t3.micro, Engine=aurora-postgresql, EngineVersion=15.10, LicenseModel=postgresql-license" in error
    assert error.startswith("creating RDS Cluster (orders) Instance (writer-")
    inputs["instanceClass"] = "db.t3.medium"
    assert check_resource(state, "aws:rds/clusterInstance:ClusterInstance", "writer", inputs, "us-east-1", "up") == []


def test_a_node_type_and_a_cache_version_the_data_lacks_are_refused(state):
    inputs = {"clusterId": "sessions", "engine": "redis", "nodeType": "cache.m1.small"}
    [error] = check_resource(state, "aws:elasticache/cluster:Cluster", "sessions", inputs, "us-east-1", "up")
    assert error.endswith("api error InvalidParameterValue: Invalid Cache Node Type: cache.m1.small")
    inputs.update(nodeType="cache.t3.micro", engineVersion="4.0.13")
    [error] = check_resource(state, "aws:elasticache/cluster:Cluster", "sessions", inputs, "us-east-1", "up")
    assert error.endswith("Cannot find version 4.0.13 for redis")
    inputs["engineVersion"] = "7.1"
    assert check_resource(state, "aws:elasticache/cluster:Cluster", "sessions", inputs, "us-east-1", "up") == []


@pytest.mark.parametrize("version", ["8.0.mysql_aurora.3.04.0"])
def test_aurora_mysql_versions_the_data_offers_pass(version, state):
    inputs = {"engine": "aurora-mysql", "engineVersion": version, "masterUsername": "dbadmin", "clusterIdentifier": "orders"}
    assert check_resource(state, CLUSTER, "orders", inputs, "us-east-1", "up") == []


def test_a_random_password_shorter_than_its_minimums_fails_preview_with_the_providers_text(state):
    token = "random:index/randomPassword:RandomPassword"
    assert check_resource(state, token, "pw", {"length": 8, "minUpper": 2, "minNumeric": 2}, "us-east-1", "preview") == []
    [error] = check_resource(state, token, "pw", {"length": 3, "minUpper": 2, "minNumeric": 2}, "us-east-1", "preview")
    assert error == (
        f"{token} resource 'pw' has a problem: Attribute length value must be at least sum of "
        "min_upper + min_lower + min_numeric + min_special, got: 3. Examine values at 'pw.length'."
    )
