"""The classification table: which kind a failure's text is, and the details it carries."""

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind


def test_depends_on_refusing_a_list_carries_the_value_and_its_opening_bracket():
    kind, details = classify_text(
        "TypeError: 'depends_on' was passed a value [<pulumi_aws.s3.bucket.Bucket object at 0x7f00>] that was not a Resource."
    )
    assert kind is ErrorKind.INVALID_OPTION
    assert details == {"option": "depends_on", "value": "[<pulumi_aws.s3.bucket.Bucket object at 0x7f00>]", "sequence": "["}


def test_depends_on_refusing_a_tuple_carries_its_opening_bracket():
    _, details = classify_text("TypeError: 'depends_on' was passed a value (<Bucket>,) that was not a Resource.")
    assert details["sequence"] == "("


def test_depends_on_refusing_a_value_that_is_no_sequence_has_no_bracket():
    kind, details = classify_text("TypeError: 'depends_on' was passed a value my-bucket that was not a Resource.")
    assert kind is ErrorKind.INVALID_OPTION
    assert details == {"option": "depends_on", "value": "my-bucket"}


OUTPUT_WARNING = (
    "Calling __str__ on an Output[T] is not supported.\n\nTo get the value of an Output[T] as an Output[str] consider:\n"
    '1. o.apply(lambda v: f"prefix{v}suffix")\n\nSee https://www.pulumi.com/docs/concepts/inputs-outputs for more details.\n'
    "This function may throw in a future version of Pulumi."
)


def test_an_invalid_cidr_block_gives_the_value_and_what_was_expected():
    message = (
        "aws:ec2/subnet:Subnet resource 'public-0' has a problem: \"10.2.0.0.0/24\" is not a valid CIDR block: "
        "invalid CIDR address: 10.2.0.0.0/24. Examine values at 'public-0.cidrBlock'."
    )
    assert classify_text(message) == (
        ErrorKind.INVALID_VALUE,
        {
            "name": "public-0",
            "problem": '"10.2.0.0.0/24" is not a valid CIDR block: invalid CIDR address: 10.2.0.0.0/24. '
            "Examine values at 'public-0.cidrBlock'.",
            "value": "10.2.0.0.0/24",
            "expected": "CIDR block",
        },
    )


def test_an_ipv4_cidr_problem_is_no_invalid_cidr_block():
    message = (
        'aws:ec2/subnet:Subnet resource \'a\' has a problem: "10.0.1.0/16" is not a valid IPv4 CIDR block; did you mean "10.0.0.0/16"?'
    )
    kind, details = classify_text(message)
    assert kind is ErrorKind.INVALID_VALUE
    assert "expected" not in details and details["name"] == "a"


def test_a_provider_naming_check_gives_the_rule_it_quotes():
    message = (
        "aws:rds/subnetGroup:SubnetGroup resource 'db-subnets' has a problem: invalid value for name (only lowercase "
        "alphanumeric characters, hyphens, underscores, periods, and spaces allowed in \"name\"). Examine values at 'db-subnets.name'."
    )
    assert classify_text(message) == (
        ErrorKind.INVALID_NAME,
        {
            "rule": 'only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in "name"',
            "property": "name",
        },
    )


def test_an_invalid_bucket_name_gives_the_rule_it_quotes():
    message = (
        "creating S3 Bucket (Shop-Logs-ci): operation error S3: CreateBucket, https response error StatusCode: 400, "
        "RequestID: 4A1B2C3D4E5F6A7B, HostID: aGVsbG8=, api error InvalidBucketName: The specified bucket is not valid."
    )
    assert classify_text(message) == (
        ErrorKind.INVALID_NAME,
        {"rule": "api error InvalidBucketName: The specified bucket is not valid."},
    )


def test_json_dumps_of_an_output_names_the_type_it_could_not_encode():
    assert classify_text("TypeError: Object of type Output is not JSON serializable") == (
        ErrorKind.PROGRAM,
        {"unserializable": "Output"},
    )


def test_a_cloud_error_keeps_its_kind_when_it_also_says_json():
    kind, details = classify_text("api error ValidationException: Object of type Output is not JSON serializable")
    assert (kind, details) == (ErrorKind.CLOUD, {})


def test_an_output_rendered_as_text_is_noted_whatever_the_kind():
    urn = f"urn:pulumi:ci::api::aws:apigateway/method:Method::inventory-method-get-{OUTPUT_WARNING}"
    kind, details = classify_text(f"Duplicate resource URN '{urn}'; try giving it a unique name")
    assert (kind, details) == (ErrorKind.DUPLICATE_URN, {"urn": urn, "output_as_string": "Calling __str__ on an Output"})
    problem = (
        "aws:sns/topicSubscription:TopicSubscription resource 'alerts-sub' has a problem: \"endpoint\" is not a valid ARN: "
        "\"Calling __str__ on an Output[T] is not supported.:handler\". Examine values at 'alerts-sub.endpoint'."
    )
    kind, details = classify_text(problem)
    assert kind is ErrorKind.INVALID_VALUE and details["output_as_string"] and details["name"] == "alerts-sub"
    assert classify_text(f"TypeError: {OUTPUT_WARNING}") == (ErrorKind.PROGRAM, {"output_as_string": "Calling __str__ on an Output"})


def test_a_refused_password_names_the_api_parameter():
    redis = (
        "creating ElastiCache Replication Group (sessions-1a2b3c4): operation error ElastiCache: CreateReplicationGroup, "
        "https response error StatusCode: 400, RequestID: 0f1e2d3c, api error InvalidParameterValue: Invalid AuthToken provided."
    )
    assert classify_text(redis) == (ErrorKind.CLOUD, {"password_parameter": "AuthToken"})
    rds = (
        "creating RDS DB Instance (orders-9f8e7d6): operation error RDS: CreateDBInstance, https response error StatusCode: 400, "
        "RequestID: 1a2b3c4d, api error InvalidParameterValue: The parameter MasterUserPassword is not a valid password. "
        "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used."
    )
    assert classify_text(rds) == (ErrorKind.CLOUD, {"password_parameter": "MasterUserPassword"})


def test_a_password_too_short_is_no_refused_alphabet():
    message = (
        "creating RDS DB Instance (app): operation error RDS: CreateDBInstance, https response error StatusCode: 400, "
        "api error InvalidParameterValue: The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters."
    )
    assert classify_text(message) == (ErrorKind.CLOUD, {})


def test_a_missing_positional_argument_of_the_programs_own_callable_names_it_and_every_missing_name():
    assert classify_text("TypeError: TapStack.__init__() missing 1 required positional argument: 'args'") == (
        ErrorKind.MISSING_ARGUMENT,
        {"callable": "TapStack.__init__", "names": "'args'"},
    )
    kind, details = classify_text("TypeError: make_vpc() missing 3 required positional arguments: 'a', 'b', and 'c'")
    assert kind is ErrorKind.MISSING_ARGUMENT and details["names"] == "'a', 'b', and 'c'"
    # an SDK Args class's keyword-only input stays a missing property
    assert (
        classify_text("TypeError: TableAttributeArgs.__init__() missing 1 required keyword-only argument: 'type'")[0]
        is ErrorKind.MISSING_PROPERTY
    )
