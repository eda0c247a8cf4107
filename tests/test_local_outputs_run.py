"""Programs that deploy on AWS run clean on the local engine, and a failure keeps its whole text."""

import textwrap
from pathlib import Path

import pytest

from agent.run import RunOptions, check

CLEAN = """
import json
import pulumi
import pulumi_aws as aws
import pulumi_random as random
import pulumi_tls as tls

zones = aws.get_availability_zones(state="available")
assert zones.names[0] == "eu-west-2a", zones.names
ami = aws.ec2.get_ami(most_recent=True, owners=["amazon"], filters=[{"name": "name", "values": ["al2023-*"]}])
assert ami.id.startswith("ami-"), ami.id

role = aws.iam.Role("role", assume_role_policy={
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
})
fn = aws.lambda_.Function("fn", role=role.arn, runtime="python3.12", handler="index.handler",
                          code=pulumi.AssetArchive({"index.py": pulumi.StringAsset("def handler(e, c): pass")}))
aws.cloudwatch.MetricAlarm("throttles", comparison_operator="GreaterThanThreshold", evaluation_periods=1,
                           metric_name="Throttles", namespace="AWS/Lambda", period=60, statistic="Sum", threshold=1,
                           dimensions={"FunctionName": fn.name})
group = aws.autoscaling.Group("asg", min_size=1, max_size=2, availability_zones=zones.names[:2],
                              launch_template={"id": "lt-0123", "version": "$Latest"})
aws.autoscaling.Policy("scale", autoscaling_group_name=group.name, adjustment_type="ChangeInCapacity", scaling_adjustment=1)

password = random.RandomPassword("db-password", length=24, special=True)
secret = aws.secretsmanager.Secret("db-secret", name="db-credentials")
aws.secretsmanager.SecretVersion("db-secret-version", secret_id=secret.id,
                                 secret_string=password.result.apply(lambda p: json.dumps({"username": "app", "password": p})))
stored = aws.secretsmanager.get_secret_version_output(secret_id=secret.arn)
aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20, username="app",
                 password=stored.secret_string.apply(lambda s: json.loads(s)["password"]), skip_final_snapshot=True)
key = tls.PrivateKey("key", algorithm="RSA", rsa_bits=4096)
aws.ec2.KeyPair("kp", public_key=key.public_key_openssh)
cert = tls.SelfSignedCert("cert", private_key_pem=key.private_key_pem, validity_period_hours=24,
                          subject={"common_name": "example.com"}, allowed_uses=["server_auth"])
aws.acm.Certificate("imported", private_key=key.private_key_pem, certificate_body=cert.cert_pem)

vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
aws.ec2.SecurityGroup("sg", vpc_id=vpc, description="a resource given where its id goes")
for region in ("us-east-1", "us-west-2"):  # the same names in two regions
    regional = aws.Provider(f"aws-{region}", region=region)
    aws.secretsmanager.Secret(f"config-{region}", name="app-config", opts=pulumi.ResourceOptions(provider=regional))
"""

WRONG_SHAPE = """
import pulumi_aws as aws

bucket = aws.s3.Bucket("bucket", server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationArgs(
    rule=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
            sse_algorithm="AES256"))]))
aws.s3.BucketPolicy("policy", bucket=bucket.id, policy="{}")
"""


def project(root: Path, program: str) -> Path:
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: outputs-demo\nruntime: python\n")
    (root / "__main__.py").write_text(textwrap.dedent(program))
    return root


@pytest.fixture(autouse=True)
def isolated_workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))


def test_program_using_random_tls_policies_enums_and_lookups_runs_clean(tmp_path):
    result = check(project(tmp_path / "clean", CLEAN), RunOptions(region="eu-west-2")).result
    assert result.ok, [e.raw for e in result.errors]
    types = {r["type"] for r in result.resources}
    assert {"random:index/randomPassword:RandomPassword", "tls:index/privateKey:PrivateKey", "aws:rds/instance:Instance"} <= types


def test_failure_while_processing_a_resource_keeps_the_chain(tmp_path):
    result = check(project(tmp_path / "wrong", WRONG_SHAPE), RunOptions(region="eu-west-2", preview_only=True)).result
    (error,) = result.errors
    assert error.one_line == "AssertionError: While processing resource: 'policy', type 'aws:s3/bucketPolicy:BucketPolicy'"
    assert "While processing resource: 'bucket', type 'aws:s3/bucket:Bucket'" in error.message
    assert "Unexpected type. Expected 'list'" in error.message
    assert "Unexpected type. Expected 'list'" in error.raw and "Traceback (most recent call last)" in error.raw
