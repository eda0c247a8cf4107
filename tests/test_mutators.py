"""The mutation benchmark's families (benchmarks/mutators/): each breaks the site where its pattern
exists, leaves a project without the pattern alone, and picks its sites reproducibly by seed."""

import ast

import pytest
import yaml

from benchmarks.mutators import FAMILIES, normalized, variants
from benchmarks.mutators.aws_values import retired_below
from benchmarks.sdk_history import of_kind

STACK = """\
import json
import pulumi
import pulumi_aws as aws
import pulumi_random as random


def build():
    password = random.RandomPassword("pw", length=16, special=False)
    bucket = aws.s3.Bucket("logs", bucket="tap-logs-dev")
    logs = aws.cloudwatch.LogGroup("lg", retention_in_days=7)
    sg = aws.ec2.SecurityGroup(
        "sg",
        ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=443, to_port=443, cidr_blocks=["0.0.0.0/0"])],
    )
    ip = aws.ec2.Eip("ip", domain="vpc")
    db = aws.rds.Instance(
        "db",
        engine="postgres",
        engine_version="16.12",
        instance_class="db.t3.micro",
        username="dbadmin",
        db_name="app",
        password=password.result,
    )
    secret = aws.secretsmanager.Secret("db-secret")
    aws.secretsmanager.SecretRotation("db-rotation", secret_id=secret.id, rotation_rules={"automatically_after_days": 30})
    pulumi.export("arn", pulumi.Output.concat("arn:", bucket.arn, "/*"))
    pulumi.export("name", bucket.id.apply(lambda name: f"s3://{name}"))
    pulumi.export("db", db.db_name)
    pulumi.export("policy", json.dumps({"logs": 1}))
"""
COMPONENT = """\
import pulumi
import pulumi_aws as aws


class Store(pulumi.ComponentResource):
    def __init__(self, name):
        super().__init__("t:Store", name)
        bucket = aws.s3.Bucket(name)
        zones = aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(parent=self))
        self.bucket_name = bucket.id
        self.register_outputs({"bucket_name": self.bucket_name, "zones": zones.names})


pulumi.export(
    "store",
    Store("store").bucket_name,
)
"""
PROJECT = {
    "Pulumi.yaml": "name: t\nruntime: python\nmain: tap.py\n",
    "tap.py": "from lib.stack import build\n\nbuild()\n",
    "lib/stack.py": STACK,
    "lib/store.py": COMPONENT,
}
# A project none of the patterns occur in: no imports, no calls, no entry point to take away.
BARE = {"Pulumi.yaml": "name: t\nruntime: python\n", "lib/util.py": "def answer():\n    return 42\n"}

# family -> (the site's code in the original, what it becomes): one mutation each family must offer
EXPECTED = {
    "old_argument": ('db_name="app"', 'name="app"'),
    "old_class": None,  # which class renames exist is the SDK history's: checked against it below
    "old_output": ("db.db_name", "db.name"),
    "wrong_module": ("aws.cloudwatch.LogGroup", "aws.ec2.LogGroup"),
    "dropped_import": ("import json\n", ""),
    "output_in_fstring": ('pulumi.Output.concat("arn:", bucket.arn, "/*")', 'f"arn:{bucket.arn}/*"'),
    "dict_for_args_list": ("[aws.ec2.SecurityGroupIngressArgs(", '{"protocol": "tcp"'),
    "scalar_for_list": ('["0.0.0.0/0"]', '"0.0.0.0/0"'),
    "missing_required_argument": ('protocol="tcp", ', "SecurityGroupIngressArgs(from_port=443"),
    "reserved_username": ('"dbadmin"', '"admin"'),
    "retired_engine_version": ('"16.12"', f'"{retired_below("postgres", "16.12")}"'),
    "uppercase_bucket_name": ('"tap-logs-dev"', '"TAP-LOGS-DEV"'),
    "missing_entry_point": ("main: tap.py", ""),
    "invoke_resource_options": ("pulumi.InvokeOptions(parent=self)", "pulumi.ResourceOptions(parent=self)"),
    "registered_output_unset": ("self.bucket_name = bucket.id", '"bucket_name": bucket.id'),
    "assigned_output": ('bucket = aws.s3.Bucket("logs", bucket="tap-logs-dev")', "bucket.arn = bucket.arn"),
    "cut_off_statement": ('Store("store").bucket_name', ""),
    "own_resource_inlined": ('aws.secretsmanager.SecretRotation("db-rotation"', ""),
}


def test_every_family_has_an_expectation():
    assert set(EXPECTED) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_mutates_where_its_pattern_exists(family):
    mutations = FAMILIES[family](PROJECT)
    assert mutations, f"{family} found no site"
    if EXPECTED[family] is None:
        renames = of_kind("class") + of_kind("module")
        matching = [m for m in mutations if any(m.before.endswith("." + r.new) and m.after.endswith("." + r.old) for r in renames)]
    else:
        before, after = EXPECTED[family]
        matching = [m for m in mutations if before in m.before and after in m.after]
    assert matching, [(m.before, m.after) for m in mutations]
    for mutation in mutations:
        assert mutation.family == family and mutation.before != mutation.after
        for path, text in mutation.changes.items():
            assert text != PROJECT[path]
            if family == "cut_off_statement":
                assert text is not None and text != PROJECT[path] and PROJECT[path].startswith(text)  # a truncated file
            elif text is not None and path.endswith(".py"):
                ast.parse(text)  # a variant is broken for the SDK or AWS, never for Python
            elif text is not None:
                yaml.safe_load(text)
    assert PROJECT["lib/stack.py"] == STACK  # the project given is never changed


def test_the_python_site_changes_only_there():
    mutation = next(m for m in FAMILIES["uppercase_bucket_name"](PROJECT))
    text = mutation.changes["lib/stack.py"]
    assert text == STACK.replace('bucket="tap-logs-dev"', 'bucket="TAP-LOGS-DEV"')
    assert mutation.line == STACK.splitlines().index('    bucket = aws.s3.Bucket("logs", bucket="tap-logs-dev")') + 1


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_leaves_a_project_without_its_pattern_alone(family):
    assert FAMILIES[family](BARE) == []


def test_sites_are_picked_reproducibly_by_seed():
    projects = {"a": PROJECT, "b": {**PROJECT, "lib/stack.py": STACK.replace("tap-logs-dev", "other-logs")}}

    def picks(seed):
        return [(name, m.record()) for name, m in variants(projects, seed, 2)]

    assert picks(7) == picks(7)
    assert len({str(picks(seed)) for seed in range(4)}) > 1
    chosen = variants(projects, 7, 2, ["wrong_module"])
    assert len(chosen) == 2 and {name for name, _ in chosen} == {"a", "b"}  # spread over the projects


def test_normalized_ignores_formatting_comments_and_import_order():
    assert normalized("import b\nimport a\nx = f( 1,2 )  # note\n") == normalized("import a\n\nimport b\nx = f(1, 2)\n")
    assert normalized("x = f(1)\n") != normalized("x = f(2)\n")


def test_normalized_reads_an_imported_name_as_the_path_it_stands_for():
    imports = "import pulumi\nimport pulumi_aws\nimport pulumi_aws as aws\nfrom pulumi import Output\n"
    assert normalized(imports + "x = Output.concat('a', b)\n") == normalized(imports + "x = pulumi.Output.concat('a', b)\n")
    assert normalized(imports + "x = aws.s3.Bucket('b')\n") == normalized(imports + "x = pulumi_aws.s3.Bucket('b')\n")
    assert normalized(imports + "x = Output.concat('a', b)\n") != normalized(imports + "x = pulumi.Output.all('a', b)\n")


def test_a_site_counts_only_in_a_block_the_deployed_run_registered_a_resource_from():
    from benchmarks.mutators import reached

    text = STACK + '\n\ndef unused():\n    return aws.s3.Bucket("spare", bucket="spare-logs")\n'
    files = {**PROJECT, "lib/stack.py": text}
    sites = {m.before: m for m in FAMILIES["uppercase_bucket_name"](files)}
    bucket_line = STACK.splitlines().index('    bucket = aws.s3.Bucket("logs", bucket="tap-logs-dev")') + 1
    lines = {("/tmp/run/project/lib/stack.py", bucket_line)}
    assert reached(files, sites['"tap-logs-dev"'], lines)
    assert not reached(files, sites['"spare-logs"'], lines)  # unused() never ran
    assert reached(files, FAMILIES["missing_entry_point"](files)[0], set())  # Pulumi.yaml: always run
