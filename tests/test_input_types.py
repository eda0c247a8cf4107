"""The preflight's type checks: each value read against the installed SDK's annotation, and each
misuse of an Output, with one value that passes and one that fails per direction; the fixers of
each family clear what it finds in one round."""

import textwrap

import pytest

from agent.checks.preflight import static_errors
from agent.core.errors import ErrorKind
from agent.core.fixes import FixContext, Skip
from agent.core.input_types import expected, number_text, spelled_as
from agent.core.project import Project
from agent.patching import apply_edits
from fixers import registry

HEADER = "import json\nimport pulumi\nimport pulumi_aws as aws\n\nconfig = pulumi.Config()\nbucket = aws.s3.Bucket('b')\n"


def _errors(tmp_path, body: str):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(HEADER + textwrap.dedent(body))
    compile((tmp_path / "__main__.py").read_text(), "__main__.py", "exec")
    project = Project.open(tmp_path)
    return project, static_errors(project)


# (what is checked, a value that passes, a value that fails, the error's kind and its message's tail)
CASES = [
    (
        "str for a number",
        'aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80)',
        'aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port="80", to_port=80)',
        ErrorKind.INPUT_TYPE,
        "input 'from_port' of SecurityGroupIngressArgs takes int, given str",
    ),
    (
        "str for a bool",
        'aws.s3.Bucket("logs", force_destroy=True)',
        'aws.s3.Bucket("logs", force_destroy="true")',
        ErrorKind.INPUT_TYPE,
        "input 'force_destroy' of Bucket takes bool, given str",
    ),
    (
        "number for a str",
        'aws.rds.Instance("db", engine="mysql", engine_version="8.0", instance_class="db.t3.micro")',
        'aws.rds.Instance("db", engine="mysql", engine_version=8.0, instance_class="db.t3.micro")',
        ErrorKind.INPUT_TYPE,
        "input 'engine_version' of Instance takes str, given float",
    ),
    (
        "one block for a list",
        'aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 80, "to_port": 80}])',
        'aws.ec2.SecurityGroup("web", ingress={"protocol": "tcp", "from_port": 80, "to_port": 80})',
        ErrorKind.INPUT_TYPE,
        "input 'ingress' of SecurityGroup takes list, given dict",
    ),
    (
        "one str for a list",
        'aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80, cidr_blocks=["0.0.0.0/0"])',
        'aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80, cidr_blocks="0.0.0.0/0")',
        ErrorKind.INPUT_TYPE,
        "input 'cidr_blocks' of SecurityGroupIngressArgs takes list, given str",
    ),
    (
        "a dict key the Args class does not take (its wire name is one it does)",
        'aws.s3.BucketVersioningV2("v", bucket=bucket.id, versioning_configuration={"status": "Enabled", "mfaDelete": "Disabled"})',
        'aws.s3.BucketVersioningV2("v", bucket=bucket.id, versioning_configuration={"Status": "Enabled"})',
        ErrorKind.UNKNOWN_KEY,
        "'Status' is not an input of BucketVersioningV2VersioningConfigurationArgs. Did you mean: 'status'?",
    ),
    (
        "an output for a resource option",
        'aws.s3.Bucket("c", opts=pulumi.ResourceOptions(depends_on=[bucket]))',
        'aws.s3.Bucket("c", opts=pulumi.ResourceOptions(depends_on=[bucket.id]))',
        ErrorKind.INPUT_TYPE,
        "input 'depends_on' of ResourceOptions takes Resource, given Output",
    ),
    (
        "an output for a plain invoke's input",
        'aws.ec2.get_subnets_output(filters=[{"name": "tag:Bucket", "values": [bucket.id]}])',
        'aws.ec2.get_subnets(filters=[{"name": "tag:Bucket", "values": [bucket.id]}])',
        ErrorKind.INPUT_TYPE,
        "input 'filters' of get_subnets takes plain, given Output",
    ),
    (
        "an output called",
        "pulumi.export('arn', bucket.arn)",
        "pulumi.export('arn', bucket.arn())",
        ErrorKind.OUTPUT_CALLED,
        "'Output' object is not callable",
    ),
    (
        "a str method called on an output",
        "pulumi.export('p', bucket.id.apply(lambda v: v.split('-')))",
        "pulumi.export('p', bucket.id.split('-'))",
        ErrorKind.OUTPUT_CALLED,
        "'Output' object is not callable",
    ),
    (
        "an attribute read on an output",
        "pulumi.export('arn', bucket.arn)",
        "pulumi.export('arn', bucket.id.arn)",
        ErrorKind.UNKNOWN_ATTRIBUTE,
        "'str' object has no attribute 'arn'",
    ),
    (
        ".apply on a plain value",
        "pulumi.export('d', config.require_secret('domain').apply(len))",
        "pulumi.export('d', config.require('domain').apply(len))",
        ErrorKind.UNKNOWN_ATTRIBUTE,
        "'str' object has no attribute 'apply'",
    ),
    (
        "str.format of an output",
        'aws.ssm.Parameter("p", type="String", value=pulumi.Output.format("arn {}", bucket.arn))',
        'aws.ssm.Parameter("p", type="String", value="arn {}".format(bucket.arn))',
        ErrorKind.PROGRAM,
        "str.format formats the Output `bucket.arn`",
    ),
    (
        "a format spec on an output",
        'aws.ssm.Parameter("p", type="String", value=f"{pulumi.get_stack()!r}")',
        'aws.ssm.Parameter("p", type="String", value=f"{bucket.arn!r}")',
        ErrorKind.PROGRAM,
        "a conversion or format spec formats the Output `bucket.arn`",
    ),
    (
        "an f-string of an output in a resource's input",
        'aws.ssm.Parameter("p", type="String", value=pulumi.Output.concat("bucket-", bucket.id))',
        'aws.ssm.Parameter("p", type="String", value=f"bucket-{bucket.id}")',
        ErrorKind.PROGRAM,
        "an f-string formats the Output `bucket.id`",
    ),
    (
        "an output as a dict key",
        'aws.s3.Bucket("c", tags={"Source": bucket.id})',
        'aws.s3.Bucket("c", tags={bucket.id: "source"})',
        ErrorKind.PROGRAM,
        "an Output used as a dict key (`bucket.id`)",
    ),
    (
        "an output in json.dumps",
        'aws.ssm.Parameter("p", type="String", value=pulumi.Output.json_dumps({"arn": bucket.arn}))',
        'aws.ssm.Parameter("p", type="String", value=json.dumps({"arn": bucket.arn}))',
        ErrorKind.PROGRAM,
        "Object of type Output is not JSON serializable",
    ),
]


@pytest.mark.parametrize(("what", "passes", "fails", "kind", "message"), CASES, ids=[case[0] for case in CASES])
def test_one_value_passes_and_one_fails(tmp_path, what, passes, fails, kind, message):
    _, clean = _errors(tmp_path / "passes", passes + "\n")
    assert clean == []
    _, found = _errors(tmp_path / "fails", fails + "\n")
    assert [(e.kind, e.line, message in e.message) for e in found] == [(kind, 7, True)], found


def _fix_all(project, errors) -> list[str]:
    ctx = FixContext(project=project, stack="dev", region="us-east-1")
    applied = []
    for error in errors:
        for fixer in registry():
            match = fixer.match(error, ctx) if error.kind in fixer.kinds else None
            result = fixer.fix(match, ctx) if match is not None else None
            if result is not None and not isinstance(result, Skip):
                apply_edits(project, result.edits)
                applied.append(fixer.id)
                break
    return applied


@pytest.mark.parametrize("case", [c for c in CASES if c[0] != "an output in json.dumps"], ids=lambda c: c[0])
def test_each_failing_value_is_fixed_to_one_the_preflight_passes(tmp_path, case):
    project, errors = _errors(tmp_path, case[2] + "\n")
    fixed = _fix_all(project, errors)
    assert len(fixed) == 1 and fixed[0] >= "RM012"
    assert static_errors(project) == []


def test_annotations_read_as_types():
    import pulumi_aws as aws

    ingress = expected(aws.ec2.SecurityGroup, "ingress")
    assert ingress.is_list and ingress.items.blocks == {"SecurityGroupIngressArgs"} and ingress.output
    assert expected(aws.ec2.SecurityGroupIngressArgs, "from_port").scalars == {"int"}
    assert not expected(aws.ec2.get_subnets, "filters").output  # a plain invoke's input
    assert expected(aws.ec2.get_subnets_output, "filters").output


def test_string_literals_stand_for_their_values_or_for_none():
    assert [number_text(t, k) for t, k in [("80", "int"), (" 0.5", "float"), ("TRUE", "bool"), ("http", "int"), ("yes", "bool")]] == [
        "80",
        "0.5",
        "True",
        None,
        None,
    ]
    assert spelled_as("fromPort", ["from_port", "to_port"]) == "from_port"
    assert spelled_as("cidr", ["cidr_blocks"]) is None
