import libcst as cst
import pulumi_aws

from agent.core import sdk
from agent.core.project import Project

IMPORTS = cst.parse_module(
    "import pulumi\n"
    "import pulumi_aws as aws\n"
    "import pulumi_aws.s3\n"
    "from pulumi_aws import apigatewayv2\n"
    "from pulumi_aws.rds import Cluster as Db\n"
    "from . import local\n"
)


def _class(expr):
    return sdk.class_of(cst.parse_expression(expr), sdk.import_aliases(IMPORTS))


def test_aliases_keep_only_pulumi_aws_bindings():
    assert sdk.import_aliases(IMPORTS) == {
        "aws": "pulumi_aws",
        "pulumi_aws": "pulumi_aws",
        "apigatewayv2": "pulumi_aws.apigatewayv2",
        "Db": "pulumi_aws.rds.Cluster",
    }


def test_same_class_name_resolves_per_service():
    assert _class("aws.apigateway.Deployment") is pulumi_aws.apigateway.Deployment
    assert _class("apigatewayv2.Deployment") is pulumi_aws.apigatewayv2.Deployment
    assert _class("Db") is pulumi_aws.rds.Cluster
    assert _class("pulumi_aws.s3.Bucket") is pulumi_aws.s3.Bucket


def test_non_classes_and_other_packages_do_not_resolve():
    assert _class("pulumi.ComponentResource") is None
    assert _class("local.Cache") is None
    assert _class("aws.no_such_service.Thing") is None
    assert _class("aws.ec2.get_ami") is None


def test_parameters_of_resource_and_args_class():
    resource = sdk.parameters(pulumi_aws.elasticache.ServerlessCache)
    assert "name" in resource and "serverless_cache_name" not in resource
    assert not {"resource_name", "opts", "__props__", "__self__"} & set(resource)
    assert sdk.parameters(pulumi_aws.elasticache.ServerlessCacheCacheUsageLimitsArgs) == [
        "data_storage",
        "ecpu_per_seconds",
    ]


def test_output_properties_include_inherited():
    outputs = sdk.output_properties(pulumi_aws.elasticache.ServerlessCache)
    assert {"endpoints", "arn", "id", "urn"} <= outputs
    assert "endpoint" not in outputs


def test_public_name():
    assert sdk.public_name(pulumi_aws.ec2.Eip) == "ec2.Eip"
    assert sdk.public_name(pulumi_aws.elasticache.ServerlessCacheCacheUsageLimitsArgs) == (
        "elasticache.ServerlessCacheCacheUsageLimitsArgs"
    )
    assert sdk.public_name(pulumi_aws.Provider) == "Provider"


def test_classes_named_finds_only_what_the_project_uses(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: t\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_aws as aws\nclass Deployment: pass\nDeployment()\nd = aws.apigatewayv2.Deployment('d', api_id='x')\n"
    )
    assert sdk.classes_named(Project.open(tmp_path), "Deployment") == {pulumi_aws.apigatewayv2.Deployment}


def test_resolving_an_invoke_path_leaves_the_invoke_in_place():
    """In a fresh interpreter (pulumi_aws loads its services lazily): resolving `ec2.get_vpc` as a
    class used to import it as a module first, rebinding `ec2.get_vpc` to that module, after which
    no fixer could find the invoke."""
    import subprocess
    import sys

    code = (
        "from agent.core import sdk\n"
        "assert sdk.resolve('pulumi_aws.ec2.get_vpc') is None\n"
        "assert sdk.invoke('pulumi_aws.ec2.get_vpc') is not None\n"
        "import pulumi_aws\n"
        "assert callable(pulumi_aws.ec2.get_vpc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
