"""The local engine's moto-backed provisioning: real-looking ids, resolving references, AWS's errors."""

import json
import re

import pytest

from agent.engines.local.moto_cloud import MotoCloud, ProvisionError

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)
AWS_ERROR = re.compile(
    r"^creating EC2 Subnet: operation error EC2: CreateSubnet, https response error StatusCode: 400, "
    r"RequestID: [0-9a-f-]{36}, api error InvalidVpcID\.NotFound: The vpc ID 'vpc-123' does not exist$"
)


@pytest.fixture(scope="module")
def cloud():
    cloud = MotoCloud("us-west-2")
    yield cloud
    cloud.close()


def test_vpc_and_its_children_get_real_ids(cloud):
    vpc = cloud.provision("aws:ec2/vpc:Vpc", "main", {"cidrBlock": "10.0.0.0/16"}, "main-abc")
    assert re.fullmatch(r"vpc-[0-9a-f]{17}", vpc["id"])
    assert vpc["arn"] == f"arn:aws:ec2:us-west-2:123456789012:vpc/{vpc['id']}"
    assert vpc["defaultSecurityGroupId"].startswith("sg-") and vpc["mainRouteTableId"].startswith("rtb-")
    subnet = cloud.provision(
        "aws:ec2/subnet:Subnet", "a", {"vpcId": vpc["id"], "cidrBlock": "10.0.1.0/24", "availabilityZone": "us-west-2a"}, "a-1"
    )
    assert subnet["id"].startswith("subnet-") and subnet["vpcId"] == vpc["id"] and subnet["availabilityZone"] == "us-west-2a"
    group = cloud.provision("aws:ec2/securityGroup:SecurityGroup", "web", {"vpcId": vpc["id"], "description": "web"}, "web-1")
    assert group["id"].startswith("sg-") and group["name"] == "web-1" and group["vpcId"] == vpc["id"]
    gateway = cloud.provision("aws:ec2/internetGateway:InternetGateway", "igw", {"vpcId": vpc["id"]}, "igw-x")
    assert gateway["id"].startswith("igw-") and gateway["vpcId"] == vpc["id"]
    table = cloud.provision("aws:ec2/routeTable:RouteTable", "rt", {"vpcId": vpc["id"]}, "rt-x")
    assert table["id"].startswith("rtb-")


@pytest.mark.parametrize(
    "token, inputs, id_pattern, arn_pattern",
    [
        ("aws:s3/bucket:Bucket", {}, r"logs-1", r"arn:aws:s3:::logs-1"),
        ("aws:s3/bucketV2:BucketV2", {"bucket": "my-data-bucket"}, r"my-data-bucket", r"arn:aws:s3:::my-data-bucket"),
        ("aws:iam/role:Role", {"assumeRolePolicy": TRUST}, r"logs-1", r"arn:aws:iam::123456789012:role/logs-1"),
        ("aws:kms/key:Key", {"description": "k"}, r"[0-9a-f-]{36}", r"arn:aws:kms:us-west-2:123456789012:key/[0-9a-f-]{36}"),
        (
            "aws:secretsmanager/secret:Secret",
            {},
            r"arn:aws:secretsmanager:.*:secret:logs-1-\w{6}",
            r"arn:aws:secretsmanager:us-west-2:123456789012:secret:logs-1-\w{6}",
        ),
        (
            "aws:sqs/queue:Queue",
            {"fifoQueue": True},
            r"https://.*/123456789012/logs-1\.fifo",
            r"arn:aws:sqs:us-west-2:123456789012:logs-1\.fifo",
        ),
        ("aws:sns/topic:Topic", {}, r"arn:aws:sns:us-west-2:123456789012:logs-1", r"arn:aws:sns:us-west-2:123456789012:logs-1"),
        (
            "aws:dynamodb/table:Table",
            {"hashKey": "pk", "attributes": [{"name": "pk", "type": "S"}], "billingMode": "PAY_PER_REQUEST"},
            r"logs-1",
            r"arn:aws:dynamodb:us-west-2:123456789012:table/logs-1",
        ),
        ("aws:cloudwatch/logGroup:LogGroup", {"retentionInDays": 7}, r"logs-1", r"arn:aws:logs:us-west-2:123456789012:log-group:logs-1"),
        (
            "aws:kinesis/stream:Stream",
            {"shardCount": 1},
            r"arn:aws:kinesis:.*:stream/logs-1",
            r"arn:aws:kinesis:us-west-2:123456789012:stream/logs-1",
        ),
    ],
)
def test_each_supported_type_returns_id_and_arn(cloud, token, inputs, id_pattern, arn_pattern):
    outputs = cloud.provision(token, "logs", inputs, "logs-1")
    assert re.fullmatch(id_pattern, outputs["id"]), outputs
    assert re.fullmatch(arn_pattern, outputs["arn"]), outputs


def test_secret_version_of_an_existing_secret(cloud):
    secret = cloud.provision("aws:secretsmanager/secret:Secret", "db", {"name": "db-password"}, "db-1")
    version = cloud.provision(
        "aws:secretsmanager/secretVersion:SecretVersion", "v", {"secretId": secret["id"], "secretString": "s3cr3t"}, "v-1"
    )
    assert version["id"].startswith(secret["arn"] + "|") and version["arn"] == secret["arn"]


def test_subnet_in_a_missing_vpc_fails_with_aws_text(cloud):
    with pytest.raises(ProvisionError) as raised:
        cloud.provision("aws:ec2/subnet:Subnet", "a", {"vpcId": "vpc-123", "cidrBlock": "10.0.0.0/24"}, "a-1")
    assert AWS_ERROR.match(str(raised.value)), str(raised.value)


def test_secret_version_for_a_missing_secret(cloud):
    with pytest.raises(ProvisionError) as raised:
        cloud.provision("aws:secretsmanager/secretVersion:SecretVersion", "v", {"secretId": "missing", "secretString": "x"}, "v-1")
    assert str(raised.value).startswith(
        "putting Secrets Manager Secret (missing) value: operation error Secrets Manager: PutSecretValue, https response error StatusCode: 400,"
    )
    assert str(raised.value).endswith("api error ResourceNotFoundException: Secrets Manager can't find the specified secret.")


def test_table_key_not_in_attribute_definitions(cloud):
    inputs = {"hashKey": "id", "attributes": [{"name": "pk", "type": "S"}], "billingMode": "PAY_PER_REQUEST"}
    with pytest.raises(ProvisionError) as raised:
        cloud.provision("aws:dynamodb/table:Table", "t", inputs, "t-1")
    message = str(raised.value)
    assert message.startswith("creating Amazon DynamoDB Table (t-1): operation error DynamoDB: CreateTable")
    assert "api error ValidationException: One or more parameter values were invalid: Some index key attributes are not defined" in message


def test_references_to_synthesized_values_are_not_errors(cloud):
    cloud.synthesized({"id": "vpc-0aaaabbbbccccdddd", "arn": "arn:aws:ec2:us-west-2:123456789012:vpc/vpc-0aaaabbbbccccdddd"})
    assert cloud.provision("aws:ec2/subnet:Subnet", "a", {"vpcId": "vpc-0aaaabbbbccccdddd", "cidrBlock": "10.0.0.0/24"}, "a-1") is None


def test_moto_only_errors_are_not_reported(cloud):
    # A provisioned table without capacities is the provider's plan-time check, not this API call.
    assert cloud.provision("aws:dynamodb/table:Table", "t", {"hashKey": "id", "attributes": [{"name": "id", "type": "S"}]}, "t-2") is None
    # An availability zone moto does not know is synthesized, not reported.
    vpc = cloud.provision("aws:ec2/vpc:Vpc", "v", {"cidrBlock": "10.1.0.0/16"}, "v-1")
    assert (
        cloud.provision(
            "aws:ec2/subnet:Subnet", "s", {"vpcId": vpc["id"], "cidrBlock": "10.1.0.0/24", "availabilityZone": "us-west-2z"}, "s-1"
        )
        is None
    )


def test_unsupported_type_and_non_plain_inputs(cloud):
    assert cloud.provision("aws:lambda/function:Function", "f", {"role": "arn:aws:iam::123456789012:role/x"}, "f-1") is None
    assert cloud.provision("aws:ec2/vpc:Vpc", "v", {"cidrBlock": object()}, "v-2") is None


def test_the_same_name_in_two_regions_is_two_resources_and_twice_in_one_is_refused(cloud):
    first = cloud.provision("aws:secretsmanager/secret:Secret", "a", {"name": "app-config"}, "a-1", "us-east-2")
    second = cloud.provision("aws:secretsmanager/secret:Secret", "b", {"name": "app-config"}, "b-1", "eu-west-1")
    assert ":us-east-2:" in first["arn"] and ":eu-west-1:" in second["arn"]
    with pytest.raises(ProvisionError, match="ResourceExistsException"):
        cloud.provision("aws:secretsmanager/secret:Secret", "c", {"name": "app-config"}, "c-1", "eu-west-1")


def test_a_resource_lives_in_its_providers_region():
    import pulumi

    from agent.engines.local.runner import EmulatedCloud

    emulated = EmulatedCloud("us-east-1", "preview")
    provider_id, _ = emulated.new_resource(pulumi.runtime.MockResourceArgs("pulumi:providers:aws", "west", {"region": "us-west-2"}))
    reference = f"urn:pulumi:dev::p::pulumi:providers:aws::west::{provider_id}"
    _, bucket = emulated.new_resource(pulumi.runtime.MockResourceArgs("aws:sqs/queue:Queue", "q", {}, provider=reference))
    assert bucket["region"] == "us-west-2" and emulated.region_of(None) == "us-east-1"
    zones = emulated.call(pulumi.runtime.MockCallArgs("aws:index/getAvailabilityZones:getAvailabilityZones", {}, reference))
    assert zones["names"][0] == "us-west-2a"
