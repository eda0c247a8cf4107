"""Resources created through boto3 against moto, in-process, for the local engine's `up`.

Real-looking ids and ARNs come back, and references between resources must resolve: a subnet
needs a VPC that exists, a secret version a secret that exists. A create fails only with the
AWS errors listed in config/rules/moto_resources.json, worded as pulumi-aws prints them; any
other moto failure (not implemented, moto's own validation) leaves the resource to the
synthesizer. So does a resource that refers to a value this cloud never created but the
caller synthesized (`synthesized`), since moto cannot know it.
"""

from __future__ import annotations

import base64
import os
import secrets
import threading
import uuid
from collections.abc import Callable
from typing import Any

import boto3
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID

from agent.core.config import load_data

ACCOUNT = DEFAULT_ACCOUNT_ID
Outputs = dict[str, Any] | None
# boto3 clients outlive a MotoCloud (building one takes a second): moto intercepts every client
# created after it is imported, while a mock is started.
_CLIENTS: dict[tuple[str, str], Any] = {}
# The inputs holding another resource's id or ARN, per type: a synthesized value there means
# the resource cannot exist in moto.
REFERENCES = {
    "aws:ec2/subnet:Subnet": ("vpcId",),
    "aws:ec2/securityGroup:SecurityGroup": ("vpcId",),
    "aws:ec2/internetGateway:InternetGateway": ("vpcId",),
    "aws:ec2/routeTable:RouteTable": ("vpcId",),
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": ("vpcId",),
    "aws:secretsmanager/secretVersion:SecretVersion": ("secretId",),
}


def warm(region: str = "us-east-1") -> None:
    """Create one resource of each supported service and throw the cloud away, so a process forked
    afterwards finds moto's backends, botocore's service models and moto's parsers loaded."""
    cloud = MotoCloud(region)
    try:
        for token, inputs in WARM_UP:
            cloud.provision(token, "warm", inputs, "warm-up")
    finally:
        cloud.close()


class ProvisionError(Exception):
    """A create AWS refuses, in pulumi-aws's words ("creating EC2 Subnet: operation error EC2: ...")."""


class MotoCloud:
    """An in-process AWS account (moto's state is global: one MotoCloud at a time per process)."""

    def __init__(self, region: str):
        self.region = region
        os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")  # AMIs come from invokes, synthesized
        self._mock = mock_aws()
        self._mock.start()
        self._lock = threading.RLock()
        self._synthesized: set[str] = set()
        self._rules = load_data("rules/moto_resources.json")

    def close(self) -> None:
        self._mock.stop()

    def synthesized(self, values: Any) -> None:
        """Note the string values of a resource or invoke result the caller made up (not from moto)."""
        with self._lock:
            self._synthesized.update(_strings(values))

    def provision(self, token: str, name: str, inputs: dict, physical: str, region: str | None = None) -> Outputs:
        """Create a resource of a supported type in `region` (its provider's; an input `region`
        wins); its outputs (Pulumi names, `id` among them), or None when the type is unsupported
        or moto cannot stand in for AWS on this request. Raises ProvisionError for an error AWS would return."""
        create = CREATES.get(token)
        if create is None:
            return None
        plain = {key: value for key, value in inputs.items() if _is_plain(value)}
        if region and not isinstance(plain.get("region"), str):
            plain["region"] = region
        with self._lock:
            if any(plain.get(key) in self._synthesized for key in REFERENCES.get(token, ())):
                return None
            context = {"name": physical, "id": None}
            try:
                return create(self, plain, physical, context)
            except ClientError as error:
                if self._trusted(token, error):
                    raise ProvisionError(self._message(token, error, plain, context)) from None
                return None
            except Exception:  # noqa: BLE001 - moto not implementing or validating unlike AWS: synthesize
                return None

    # ---- helpers for the create functions ------------------------------------
    def client(self, service: str, inputs: dict | None = None) -> Any:
        region = (inputs or {}).get("region") if isinstance((inputs or {}).get("region"), str) else self.region
        key = (service, region)
        if key not in _CLIENTS:
            _CLIENTS[key] = boto3.client(service, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
        return _CLIENTS[key]

    def _trusted(self, token: str, error: ClientError) -> bool:
        code = error.response.get("Error", {}).get("Code", "")
        text = error.response.get("Error", {}).get("Message", "")
        for entry in self._rules["types"][token]["trusted"]:
            trusted_code, _, prefix = entry.partition(": ")
            if code == trusted_code and text.startswith(prefix):
                return True
        return False

    def _message(self, token: str, error: ClientError, inputs: dict, context: dict) -> str:
        rule = self._rules["types"][token]
        fields = _Fields({**inputs, **context, "account": ACCOUNT})
        action = rule.get("operations", {}).get(error.operation_name, rule["action"]).format_map(fields)
        code = error.response["Error"].get("Code", "")
        template = self._rules["messages"].get(f"{token} {code}") or self._rules["messages"].get(code)
        text = template.format_map(fields) if template else error.response["Error"].get("Message", "")
        model = self.client(_SERVICES[token]).meta.service_model
        service = model.service_id
        # AWS's JSON-protocol services answer every client error with 400 (moto uses 404 for some).
        status = 400 if model.protocol == "json" else error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 400)
        if service == "S3":
            request = f"RequestID: {secrets.token_hex(8).upper()}, HostID: {base64.b64encode(secrets.token_bytes(57)).decode()}"
        else:
            request = f"RequestID: {uuid.uuid4()}"
        return (
            f"{action}: operation error {service}: {error.operation_name}, https response error "
            f"StatusCode: {status}, {request}, api error {code}: {text}"
        )


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _is_plain(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_plain(item) for key, item in value.items())
    return False


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(item) for item in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_strings(item) for item in value)) if value else set()
    return set()


def _given(inputs: dict, key: str) -> str | None:
    value = inputs.get(key)
    return value if isinstance(value, str) and value else None


def _name(inputs: dict, physical: str, key: str = "name") -> str:
    """The name a create uses: given, from a prefix, or the engine's autoname."""
    prefix = _given(inputs, key + "Prefix")
    return _given(inputs, key) or (prefix + secrets.token_hex(13) if prefix else physical)


def _ints(inputs: dict, mapping: dict[str, str]) -> dict[str, int]:
    return {api: inputs[key] for key, api in mapping.items() if isinstance(inputs.get(key), int) and not isinstance(inputs.get(key), bool)}


def _ec2_arn(cloud: MotoCloud, kind: str, rid: str, inputs: dict) -> str:
    return f"arn:aws:ec2:{_given(inputs, 'region') or cloud.region}:{ACCOUNT}:{kind}/{rid}"


# ---- EC2 --------------------------------------------------------------------
def _vpc(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    cidr = _given(inputs, "cidrBlock")
    if cidr is None:
        return None
    ec2 = cloud.client("ec2", inputs)
    params: dict[str, Any] = {"CidrBlock": cidr}
    if inputs.get("instanceTenancy") in ("default", "dedicated"):
        params["InstanceTenancy"] = inputs["instanceTenancy"]
    vpc = ec2.create_vpc(**params)["Vpc"]
    vpc_id = vpc["VpcId"]
    by_vpc = {"Name": "vpc-id", "Values": [vpc_id]}
    main_table = ec2.describe_route_tables(Filters=[by_vpc, {"Name": "association.main", "Values": ["true"]}])["RouteTables"]
    default_group = ec2.describe_security_groups(Filters=[by_vpc, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
    default_acl = ec2.describe_network_acls(Filters=[by_vpc, {"Name": "default", "Values": ["true"]}])["NetworkAcls"]
    outputs = {
        "id": vpc_id,
        "arn": _ec2_arn(cloud, "vpc", vpc_id, inputs),
        "cidrBlock": vpc["CidrBlock"],
        "instanceTenancy": vpc["InstanceTenancy"],
        "ownerId": vpc["OwnerId"],
    }
    if main_table:
        outputs["mainRouteTableId"] = outputs["defaultRouteTableId"] = main_table[0]["RouteTableId"]
    if default_group:
        outputs["defaultSecurityGroupId"] = default_group[0]["GroupId"]
    if default_acl:
        outputs["defaultNetworkAclId"] = default_acl[0]["NetworkAclId"]
    return outputs


def _subnet(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    vpc_id, cidr = _given(inputs, "vpcId"), _given(inputs, "cidrBlock")
    if vpc_id is None or cidr is None:
        return None
    params = {"VpcId": vpc_id, "CidrBlock": cidr}
    for key, api in (("availabilityZone", "AvailabilityZone"), ("availabilityZoneId", "AvailabilityZoneId")):
        if _given(inputs, key):
            params[api] = inputs[key]
    subnet = cloud.client("ec2", inputs).create_subnet(**params)["Subnet"]
    return {
        "id": subnet["SubnetId"],
        "arn": subnet.get("SubnetArn") or _ec2_arn(cloud, "subnet", subnet["SubnetId"], inputs),
        "vpcId": subnet["VpcId"],
        "cidrBlock": subnet["CidrBlock"],
        "availabilityZone": subnet["AvailabilityZone"],
        "availabilityZoneId": subnet.get("AvailabilityZoneId"),
        "ownerId": subnet.get("OwnerId", ACCOUNT),
    }


def _security_group(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _name(inputs, physical)
    params = {"GroupName": name, "Description": _given(inputs, "description") or "Managed by Pulumi"}
    if _given(inputs, "vpcId"):
        params["VpcId"] = inputs["vpcId"]
    ec2 = cloud.client("ec2", inputs)
    group_id = ec2.create_security_group(**params)["GroupId"]
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    return {
        "id": group_id,
        "arn": _ec2_arn(cloud, "security-group", group_id, inputs),
        "name": name,
        "vpcId": group.get("VpcId"),
        "ownerId": group.get("OwnerId", ACCOUNT),
    }


def _internet_gateway(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    ec2 = cloud.client("ec2", inputs)
    gateway_id = context["id"] = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    outputs = {"id": gateway_id, "arn": _ec2_arn(cloud, "internet-gateway", gateway_id, inputs), "ownerId": ACCOUNT}
    if _given(inputs, "vpcId"):
        ec2.attach_internet_gateway(InternetGatewayId=gateway_id, VpcId=inputs["vpcId"])
        outputs["vpcId"] = inputs["vpcId"]
    return outputs


def _route_table(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    vpc_id = _given(inputs, "vpcId")
    if vpc_id is None:
        return None
    table_id = cloud.client("ec2", inputs).create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    return {"id": table_id, "arn": _ec2_arn(cloud, "route-table", table_id, inputs), "vpcId": vpc_id, "ownerId": ACCOUNT}


def _vpc_cidr(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    vpc_id, cidr = _given(inputs, "vpcId"), _given(inputs, "cidrBlock")
    if vpc_id is None or cidr is None:
        return None
    association = cloud.client("ec2", inputs).associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock=cidr)
    return {"id": association["CidrBlockAssociation"]["AssociationId"], "vpcId": vpc_id, "cidrBlock": cidr}


# ---- S3, IAM, KMS -----------------------------------------------------------
def _bucket(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    prefix = _given(inputs, "bucketPrefix")
    name = _given(inputs, "bucket") or (prefix + secrets.token_hex(13) if prefix else physical.lower())
    context["name"] = name
    region = _given(inputs, "region") or cloud.region
    params: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    if inputs.get("objectLockEnabled") is True:
        params["ObjectLockEnabledForBucket"] = True
    cloud.client("s3", inputs).create_bucket(**params)
    return {
        "id": name,
        "arn": f"arn:aws:s3:::{name}",
        "bucket": name,
        "bucketDomainName": f"{name}.s3.amazonaws.com",
        "bucketRegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
        "region": region,
    }


def _role(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    policy = _given(inputs, "assumeRolePolicy")
    if policy is None:
        return None
    name = context["name"] = _name(inputs, physical)
    params: dict[str, Any] = {"RoleName": name, "AssumeRolePolicyDocument": policy}
    for key, api in (("path", "Path"), ("description", "Description")):
        if _given(inputs, key):
            params[api] = inputs[key]
    params.update(_ints(inputs, {"maxSessionDuration": "MaxSessionDuration"}))
    role = cloud.client("iam").create_role(**params)["Role"]
    return {
        "id": role["RoleName"],
        "arn": role["Arn"],
        "name": role["RoleName"],
        "uniqueId": role["RoleId"],
        "path": role["Path"],
        "createDate": role["CreateDate"].isoformat(),
    }


def _key(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    params: dict[str, Any] = {}
    for key, api in (("description", "Description"), ("keyUsage", "KeyUsage"), ("customerMasterKeySpec", "KeySpec"), ("policy", "Policy")):
        if _given(inputs, key):
            params[api] = inputs[key]
    if isinstance(inputs.get("multiRegion"), bool):
        params["MultiRegion"] = inputs["multiRegion"]
    metadata = cloud.client("kms", inputs).create_key(**params)["KeyMetadata"]
    return {"id": metadata["KeyId"], "keyId": metadata["KeyId"], "arn": metadata["Arn"]}


# ---- Secrets Manager ----------------------------------------------------------
def _secret(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _name(inputs, physical)
    params = {"Name": name}
    if _given(inputs, "description"):
        params["Description"] = inputs["description"]
    created = cloud.client("secretsmanager", inputs).create_secret(**params)
    return {"id": created["ARN"], "arn": created["ARN"], "name": created["Name"]}


def _secret_version(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    secret_id = _given(inputs, "secretId")
    if secret_id is None:
        return None
    params: dict[str, Any] = {"SecretId": secret_id}
    if isinstance(inputs.get("secretString"), str):
        params["SecretString"] = inputs["secretString"]
    elif _given(inputs, "secretBinary"):
        params["SecretBinary"] = base64.b64decode(inputs["secretBinary"])
    if isinstance(inputs.get("versionStages"), list) and all(isinstance(s, str) for s in inputs["versionStages"]):
        params["VersionStages"] = inputs["versionStages"]
    put = cloud.client("secretsmanager", inputs).put_secret_value(**params)
    return {
        "id": f"{secret_id}|{put['VersionId']}",
        "arn": put["ARN"],
        "versionId": put["VersionId"],
        "versionStages": put.get("VersionStages", ["AWSCURRENT"]),
    }


# ---- messaging, streams, tables, logs ------------------------------------------
def _fifo_name(inputs: dict, physical: str, flag: str) -> str:
    """The provider's autoname of a FIFO queue or topic ends in .fifo; a given name is the user's."""
    name = _name(inputs, physical)
    if inputs.get(flag) is True and not _given(inputs, "name") and not name.endswith(".fifo"):
        name += ".fifo"
    return name


def _queue(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _fifo_name(inputs, physical, "fifoQueue")
    attributes = {
        api: str(value)
        for api, value in _ints(
            inputs,
            {
                "delaySeconds": "DelaySeconds",
                "maxMessageSize": "MaximumMessageSize",
                "messageRetentionSeconds": "MessageRetentionPeriod",
                "receiveWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
                "visibilityTimeoutSeconds": "VisibilityTimeout",
            },
        ).items()
    }
    for key, api in (("fifoQueue", "FifoQueue"), ("contentBasedDeduplication", "ContentBasedDeduplication")):
        if inputs.get(key) is True:
            attributes[api] = "true"
    sqs = cloud.client("sqs", inputs)
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return {"id": url, "url": url, "arn": arn, "name": name}


def _topic(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _fifo_name(inputs, physical, "fifoTopic")
    attributes = {}
    if _given(inputs, "displayName"):
        attributes["DisplayName"] = inputs["displayName"]
    for key, api in (("fifoTopic", "FifoTopic"), ("contentBasedDeduplication", "ContentBasedDeduplication")):
        if inputs.get(key) is True:
            attributes[api] = "true"
    arn = cloud.client("sns", inputs).create_topic(Name=name, Attributes=attributes)["TopicArn"]
    return {"id": arn, "arn": arn, "name": name, "owner": ACCOUNT}


def _key_schema(hash_key: Any, range_key: Any) -> list[dict[str, str]] | None:
    if not isinstance(hash_key, str):
        return None
    schema = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if isinstance(range_key, str):
        schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
    return schema


def _projection(index: dict) -> dict[str, Any]:
    projection: dict[str, Any] = {"ProjectionType": index.get("projectionType") or "ALL"}
    if isinstance(index.get("nonKeyAttributes"), list):
        projection["NonKeyAttributes"] = index["nonKeyAttributes"]
    return projection


def _throughput(source: dict) -> dict[str, int] | None:
    units = _ints(source, {"readCapacity": "ReadCapacityUnits", "writeCapacity": "WriteCapacityUnits"})
    return units if len(units) == 2 else None


def _table(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _given(inputs, "name") or physical
    schema = _key_schema(inputs.get("hashKey"), inputs.get("rangeKey"))
    attributes = inputs.get("attributes")
    if schema is None or not isinstance(attributes, list):
        return None
    provisioned = (inputs.get("billingMode") or "PROVISIONED") == "PROVISIONED"
    params: dict[str, Any] = {
        "TableName": name,
        "KeySchema": schema,
        "AttributeDefinitions": [{"AttributeName": a["name"], "AttributeType": a["type"]} for a in attributes],
        "BillingMode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
    }
    if provisioned:
        params["ProvisionedThroughput"] = _throughput(inputs)
        if params["ProvisionedThroughput"] is None:
            return None  # the provider's own checks speak first; not this API call
    global_indexes = []
    for index in inputs.get("globalSecondaryIndexes") or []:
        index_schema = _key_schema(index.get("hashKey"), index.get("rangeKey"))
        if index_schema is None:
            return None
        entry = {"IndexName": index["name"], "KeySchema": index_schema, "Projection": _projection(index)}
        if provisioned:
            entry["ProvisionedThroughput"] = _throughput(index)
            if entry["ProvisionedThroughput"] is None:
                return None
        global_indexes.append(entry)
    if global_indexes:
        params["GlobalSecondaryIndexes"] = global_indexes
    local_indexes = [
        {"IndexName": index["name"], "KeySchema": _key_schema(inputs["hashKey"], index.get("rangeKey")), "Projection": _projection(index)}
        for index in inputs.get("localSecondaryIndexes") or []
    ]
    if local_indexes:
        params["LocalSecondaryIndexes"] = local_indexes
    if inputs.get("streamEnabled") is True and _given(inputs, "streamViewType"):
        params["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": inputs["streamViewType"]}
    table = cloud.client("dynamodb", inputs).create_table(**params)["TableDescription"]
    outputs = {"id": name, "arn": table["TableArn"], "name": name}
    if table.get("LatestStreamArn"):
        outputs.update(streamArn=table["LatestStreamArn"], streamLabel=table.get("LatestStreamLabel"))
    return outputs


def _log_group(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _name(inputs, physical)
    cloud.client("logs", inputs).create_log_group(logGroupName=name)
    return {"id": name, "arn": f"arn:aws:logs:{_given(inputs, 'region') or cloud.region}:{ACCOUNT}:log-group:{name}", "name": name}


def _stream(cloud: MotoCloud, inputs: dict, physical: str, context: dict) -> Outputs:
    name = context["name"] = _given(inputs, "name") or physical
    params: dict[str, Any] = {"StreamName": name}
    mode = (inputs.get("streamModeDetails") or {}).get("streamMode") if isinstance(inputs.get("streamModeDetails"), dict) else None
    if mode == "ON_DEMAND":
        params["StreamModeDetails"] = {"StreamMode": "ON_DEMAND"}
    elif isinstance(inputs.get("shardCount"), int):
        params["ShardCount"] = inputs["shardCount"]
    else:
        return None
    kinesis = cloud.client("kinesis", inputs)
    kinesis.create_stream(**params)
    arn = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]
    return {"id": arn, "arn": arn, "name": name}


CREATES: dict[str, Callable[[MotoCloud, dict, str, dict], Outputs]] = {
    "aws:ec2/vpc:Vpc": _vpc,
    "aws:ec2/subnet:Subnet": _subnet,
    "aws:ec2/securityGroup:SecurityGroup": _security_group,
    "aws:ec2/internetGateway:InternetGateway": _internet_gateway,
    "aws:ec2/routeTable:RouteTable": _route_table,
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": _vpc_cidr,
    "aws:s3/bucket:Bucket": _bucket,
    "aws:s3/bucketV2:BucketV2": _bucket,
    "aws:iam/role:Role": _role,
    "aws:kms/key:Key": _key,
    "aws:secretsmanager/secret:Secret": _secret,
    "aws:secretsmanager/secretVersion:SecretVersion": _secret_version,
    "aws:sqs/queue:Queue": _queue,
    "aws:sns/topic:Topic": _topic,
    "aws:dynamodb/table:Table": _table,
    "aws:cloudwatch/logGroup:LogGroup": _log_group,
    "aws:kinesis/stream:Stream": _stream,
}
_SERVICES = {token: {"cloudwatch": "logs"}.get(token.split(":")[1].split("/")[0], token.split(":")[1].split("/")[0]) for token in CREATES}
WARM_UP = (
    ("aws:ec2/vpc:Vpc", {"cidrBlock": "10.0.0.0/16"}),
    ("aws:s3/bucket:Bucket", {}),
    ("aws:iam/role:Role", {"assumeRolePolicy": "{}"}),
    ("aws:kms/key:Key", {}),
    ("aws:secretsmanager/secret:Secret", {}),
    ("aws:sqs/queue:Queue", {}),
    ("aws:sns/topic:Topic", {}),
    ("aws:dynamodb/table:Table", {"hashKey": "id", "attributes": [{"name": "id", "type": "S"}], "billingMode": "PAY_PER_REQUEST"}),
    ("aws:cloudwatch/logGroup:LogGroup", {}),
    ("aws:kinesis/stream:Stream", {"shardCount": 1}),
)
