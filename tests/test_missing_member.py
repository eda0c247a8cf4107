"""RM010 replacement lookup against the installed pulumi_aws (7.x)."""

import json
import shutil
from pathlib import Path

from agent.core.classify import classify_text, to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.fixes import FixContext, Safety, Skip
from agent.core.project import Project
from fixers.missing_member import MissingMember, _family, _nearest, replacement


def test_classifies_module_attribute_and_import_errors():
    kind, details = classify_text("AttributeError: module 'pulumi_aws.ec2' has no attribute 'get_subnet_ids'")
    assert (kind, details) == (ErrorKind.MISSING_SDK_MEMBER, {"module": "pulumi_aws.ec2", "member": "get_subnet_ids"})
    kind, details = classify_text("ImportError: cannot import name 'logs' from 'pulumi_aws' (/x/__init__.py)")
    assert (kind, details) == (ErrorKind.MISSING_SDK_MEMBER, {"member": "logs", "module": "pulumi_aws"})
    assert classify_text("'Bucket' object has no attribute 'arn_x'")[0] is ErrorKind.UNKNOWN_ATTRIBUTE


def test_v2_resource_args_class_maps_to_init_args_not_the_nested_input_type():
    # s3.BucketServerSideEncryptionConfigurationArgs is Bucket's inline input (rule=), not the resource's Args.
    new, _ = replacement("pulumi_aws.s3", "BucketServerSideEncryptionConfigurationV2Args")
    assert new.member == "BucketServerSideEncryptionConfigurationInitArgs" and new.safety is Safety.SAFE


def test_table_rename_carries_its_own_safety():
    new, _ = replacement("pulumi_aws.ec2", "get_subnet_ids")
    assert (new.path, new.safety) == ("pulumi_aws.ec2.get_subnets", Safety.UNSAFE)


def test_fuzzy_match_prefers_names_keeping_every_word():
    new, _ = replacement("pulumi_aws.secretsmanager", "SecretRotationRulesArgs")
    assert new.member == "SecretRotationRotationRulesArgs"  # not the closer-scoring SecretRotationArgs
    new, _ = replacement("pulumi_aws.lambda_", "EventInvokeConfig")
    assert (new.member, new.safety) == ("FunctionEventInvokeConfig", Safety.UNSAFE)


def test_bucket_v2_inline_args_is_not_stripped_to_a_different_shape():
    new, reason = replacement("pulumi_aws.s3", "BucketV2ServerSideEncryptionConfigurationArgs")
    assert new is None and "several close names" in reason


def test_move_to_another_package_is_unsafe_and_skips_arguments_without_counterpart(tmp_path):
    new, _ = replacement("pulumi_aws.secretsmanager", "RandomPassword")
    assert (new.path, new.safety) == ("pulumi_random.RandomPassword", Safety.UNSAFE)
    case = Path(__file__).parent / "fixers/missing_member/noop_other_package_argument_without_counterpart"
    shutil.copytree(case / "before", tmp_path / "p")
    ctx = FixContext(project=Project(tmp_path / "p"), stack="ci", region="us-east-1")
    error = to_deploy_error(**json.loads((case / "error.json").read_text()))
    result = MissingMember().fix(MissingMember().match(error, ctx), ctx)
    assert isinstance(result, Skip)
    assert "exclude_characters= is not a literal of punctuation only" in result.reason
    assert "require_each_included_type= has no counterpart" in result.reason


def test_documented_rename_takes_the_nested_args_named_after_it():
    new, _ = replacement("pulumi_aws.ec2", "VpcPeeringConnectionOptions")
    renames = _family("pulumi_aws.ec2", "VpcPeeringConnectionOptions", new)
    assert renames["pulumi_aws.ec2.VpcPeeringConnectionOptionsAccepterArgs"].member == "PeeringConnectionOptionsAccepterArgs"
    assert all(old.rpartition(".")[2].startswith("VpcPeeringConnectionOptions") for old in renames)


def test_args_twin_typed_dict_is_not_a_second_candidate():
    new, _ = replacement("pulumi_aws.cloudwatch", "MetricFilterMetricTransformationArgs")
    assert (new.member, new.safety) == ("LogMetricFilterMetricTransformationArgs", Safety.UNSAFE)


def test_family_leaves_names_the_old_module_still_has():
    # s3.BucketReplicationConfigurationRuleArgs is still Bucket's inline input, so it is not moved.
    new, _ = replacement("pulumi_aws.s3", "BucketReplicationConfiguration")
    renames = _family("pulumi_aws.s3", "BucketReplicationConfiguration", new)
    assert new.member == "BucketReplicationConfig"
    assert "pulumi_aws.s3.BucketReplicationConfigurationRuleArgs" not in renames


def test_a_name_in_several_other_modules_is_declined_with_the_candidates():
    new, reason = replacement("pulumi_aws.ec2", "LoadBalancer", frozenset({"load_balancer_type", "subnets"}))
    assert new is None
    assert "lb.LoadBalancer" in reason and "elb.LoadBalancer" in reason


def test_a_never_existing_name_goes_to_the_nearest_taking_the_keywords():
    new, _ = _nearest("pulumi_aws.ec2", "SecurityGroupIngress", frozenset({"security_group_id", "from_port", "to_port"}))
    assert (new.path, new.safety) == ("pulumi_aws.vpc.SecurityGroupIngressRule", Safety.UNSAFE)
    assert "weighed" in new.why


def test_a_tie_on_words_goes_to_the_name_its_documentation_describes():
    """cfg.Rule, rbin.Rule, waf.Rule and wafregional.Rule share as many words with `ConfigRule`;
    only cfg.Rule is documented as "an AWS Config Rule"."""
    new, _ = _nearest("pulumi_aws.cfg", "ConfigRule", frozenset())
    assert new is not None and new.path == "pulumi_aws.cfg.Rule"
    assert "documentation" in new.why


def test_the_same_name_in_another_module_comes_before_close_names_in_its_own():
    """ec2 has AmiLaunchPermission, NetworkInterfacePermission...: close, but not the lambda_.Permission
    the call's arguments name."""
    new, _ = replacement("pulumi_aws.ec2", "Permission", frozenset({"action", "function", "principal", "source_arn"}))
    assert new is not None and new.path == "pulumi_aws.lambda_.Permission"
