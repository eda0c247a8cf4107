"""How the benchmarks judge a fixed copy (benchmarks/judge.py): retention, and retired values."""

from agent.core.aws_facts import offered_versions
from agent.core.errors import DeployError, ErrorKind
from benchmarks.judge import argument_retention, older_sdk, provider_types, registered, retired_value, type_retention
from benchmarks.mutators.aws_values import retired_below


def _project(root, text):
    root.mkdir()
    (root / "__main__.py").write_text("import pulumi_aws as aws\n\n" + text)
    return root


def test_type_retention_counts_types_as_a_multiset():
    assert type_retention(["aws:s3/bucket:Bucket"] * 2, ["aws:s3/bucket:Bucket"]) == 1.0
    assert type_retention(["aws:s3/bucket:Bucket"], ["aws:s3/bucket:Bucket"] * 2) == 0.5
    assert type_retention([], []) is None


def test_only_what_the_program_registers_counts():
    resources = [{"type": "pulumi:pulumi:Stack"}, {"type": "pulumi:providers:aws"}, {"type": "tap:Stack"}, {"type": "aws:s3/bucket:Bucket"}]
    assert [r["type"] for r in registered(resources)] == ["tap:Stack", "aws:s3/bucket:Bucket"]
    assert provider_types(registered(resources)) == ["aws:s3/bucket:Bucket"]


def test_argument_retention_keeps_renamed_arguments_and_counts_dropped_ones(tmp_path):
    candidate = _project(tmp_path / "c", 'aws.rds.Instance("db", name="app", engine="postgres")\naws.s3.Bucket("b", acll="private")\n')
    renamed = _project(tmp_path / "f", 'aws.rds.Instance("db", db_name="app", engine="postgres")\naws.s3.Bucket("b", acl="private")\n')
    fixes = [{"change": "Bucket: acll= -> acl= (1 call)"}]
    assert argument_retention(candidate, renamed, fixes) == 1.0  # name= by the SDK history, acll= by the fix's change
    assert argument_retention(candidate, renamed, []) == 2 / 3
    dropped = _project(tmp_path / "d", 'aws.rds.Instance("db", engine="postgres")\naws.s3.Bucket("b")\n')
    assert argument_retention(candidate, dropped, fixes) == 1 / 3


def test_a_retired_value_is_what_the_facts_call_retired():
    newest = offered_versions("postgres", "us-east-1")[-1]
    gone = retired_below("postgres", newest)
    error = DeployError(ErrorKind.ENGINE_VERSION, "Cannot find version", details={"engine": "postgres", "version": gone})
    assert retired_value(error) == f"engine_version postgres {gone}"
    offered = DeployError(ErrorKind.ENGINE_VERSION, "x", details={"engine": "postgres", "version": newest})
    assert retired_value(offered) is None
    assert retired_value(DeployError(ErrorKind.PROGRAM, "boom")) is None


def test_an_argument_an_earlier_major_had_is_the_older_sdks():
    message = "TypeError: Deployment._internal_init() got an unexpected keyword argument 'stage_name'"
    assert older_sdk(message) == "pulumi-aws 7 dropped Deployment.stage_name"


def test_an_argument_no_major_had_and_other_errors_are_not():
    assert older_sdk("TypeError: Bucket._internal_init() got an unexpected keyword argument 'colour'") is None
    assert older_sdk("Cannot find version 15.3 for aurora-postgresql") is None
