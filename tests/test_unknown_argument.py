"""RM001 fits a renamed input's value to the list/single shape the installed SDK types it with, and handles invokes."""

import libcst as cst
import pulumi_aws as aws

from agent.core import sdk
from agent.core.classify import classify_text, to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.fixes import FixContext, Safety
from agent.core.project import Project
from fixers.unknown_argument import UnknownArgument, _reshaped, _spelling

ALIASES = {"aws": "pulumi_aws"}


def test_list_ness_comes_from_the_sdk_annotation():
    assert sdk.is_list_input(aws.lb.Listener, "default_actions") is True
    assert sdk.is_list_input(aws.s3.BucketServerSideEncryptionConfigurationArgs, "rule") is False
    assert sdk.is_list_input(aws.lb.Listener, "tags") is False  # a Mapping is not a list


def _code(value):
    return None if value is None else cst.Module([]).code_for_node(value)


def test_only_literal_single_objects_are_reshaped():
    one = cst.parse_expression("[aws.s3.XArgs(a=1)]")
    assert _code(_reshaped(one, False, ALIASES)) == "aws.s3.XArgs(a=1)"
    assert _reshaped(cst.parse_expression("[a, b]"), False, ALIASES) is None
    assert _reshaped(cst.parse_expression("[name]"), False, ALIASES) is None
    assert (
        _code(_reshaped(cst.parse_expression("aws.lb.ListenerDefaultActionArgs()"), True, ALIASES))
        == "[aws.lb.ListenerDefaultActionArgs()]"
    )
    assert _reshaped(cst.parse_expression("make_actions()"), True, ALIASES) is None  # may already return a list
    assert _reshaped(cst.parse_expression("[aws.s3.XArgs()]"), None, ALIASES) is None


# ---- invokes (data-source functions) ----------------------------------------------------


def test_an_invoke_error_names_the_function_and_a_method_error_is_not_one():
    kind, details = classify_text("TypeError: get_subnets() got an unexpected keyword argument 'vpc_id'")
    assert (kind, details) == (ErrorKind.UNKNOWN_ARGUMENT, {"function": "get_subnets", "argument": "vpc_id"})
    kind, details = classify_text("TypeError: Eip._internal_init() got an unexpected keyword argument 'vpc'")
    assert details == {"cls": "Eip", "argument": "vpc"}
    assert classify_text("TypeError: Stack.get_subnets() got an unexpected keyword argument 'vpc_id'")[0] is ErrorKind.PROGRAM
    assert classify_text("TypeError: build() got an unexpected keyword argument 'vpc_id'")[0] is ErrorKind.PROGRAM


def test_invokes_resolve_through_the_files_imports():
    name = cst.parse_expression
    assert sdk.invoke_of(name("aws.ec2.get_subnets"), ALIASES) is aws.ec2.get_subnets
    assert sdk.invoke_of(name("get_subnets"), {"get_subnets": "pulumi_aws.ec2.get_subnets"}) is aws.ec2.get_subnets
    assert sdk.invoke_of(name("aws.get_availability_zones"), ALIASES) is aws.get_availability_zones
    assert sdk.invoke_of(name("aws.ec2.Eip"), ALIASES) is None  # a class, not an invoke
    assert sdk.invoke_of(name("get_subnets"), {}) is None  # the project's own function
    assert sdk.invoke_forms(aws.ec2.get_subnets_output) == {aws.ec2.get_subnets, aws.ec2.get_subnets_output}


def test_invoke_inputs_come_from_the_installed_signature():
    assert "opts" not in sdk.parameters(aws.ec2.get_subnets)
    assert "vpc_id" not in sdk.parameters(aws.ec2.get_subnets) and "filters" in sdk.parameters(aws.ec2.get_subnets)
    assert sdk.is_list_input(aws.ec2.get_subnets, "filters") is True
    assert sdk.input_args_class(aws.ec2.get_subnets, "filters") is aws.ec2.GetSubnetsFilterArgs
    assert sdk.input_args_class(aws.get_availability_zones, "filters") is aws.GetAvailabilityZonesFilterArgs
    assert sdk.input_args_class(aws.ec2.get_subnets, "tags") is None


def test_the_filter_args_class_is_spelt_through_the_calls_own_import():
    aliases = {"aws": "pulumi_aws", "ec2": "pulumi_aws.ec2"}
    path = "pulumi_aws.ec2.GetSubnetsFilterArgs"
    assert _spelling(path, aliases, "aws") == "aws.ec2.GetSubnetsFilterArgs"
    assert _spelling(path, aliases, "get_subnets") == "ec2.GetSubnetsFilterArgs"
    assert _spelling(path, {"get_subnets": "pulumi_aws.ec2.get_subnets"}, "get_subnets") is None


def _fix(tmp_path, source, message):
    (tmp_path / "Pulumi.yaml").write_text("name: t\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(source)
    fixer, ctx = UnknownArgument(), FixContext(project=Project.open(tmp_path), stack="ci", region="us-east-1")
    match = fixer.match(to_deploy_error(message, file="__main__.py", line=2), ctx)
    assert match is not None
    return fixer.fix(match, ctx)


def test_a_filter_not_documented_as_equivalent_is_unsafe(tmp_path):
    fix = _fix(
        tmp_path,
        "import pulumi_aws as aws\ngroups = aws.ec2.get_security_groups(vpc_id=vpc)\n",
        "TypeError: get_security_groups() got an unexpected keyword argument 'vpc_id'",
    )
    assert fix.safety is Safety.UNSAFE
    assert 'filters=[aws.ec2.GetSecurityGroupsFilterArgs(name="vpc-id", values=[vpc])]' in fix.edits[0].after


def test_an_invoke_argument_with_no_counterpart_is_dropped_unsafely(tmp_path):
    fix = _fix(
        tmp_path,
        "import pulumi_aws as aws\nzones = aws.get_availability_zones(status='available', state='available')\n",
        "TypeError: get_availability_zones() got an unexpected keyword argument 'status'",
    )
    assert fix.safety is Safety.UNSAFE and fix.dropped == ("status",)
    assert "get_availability_zones(state='available')" in fix.edits[0].after


def test_every_migration_of_a_class_points_at_an_input_the_installed_sdk_has():
    import inspect

    from agent.core import sdk
    from agent.core.config import load_data

    for entry in load_data("argument_migrations.json")["migrations"]:
        if "class" not in entry or entry["to"] is None:
            continue
        cls = sdk.resolve(f"pulumi_aws.{entry['class']}")
        assert cls is not None and entry["to"]["argument"] in sdk.parameters(cls), entry
        if "field" in entry["to"]:
            args_class = sdk.input_args_class(cls, entry["to"]["argument"])
            assert entry["to"]["field"] in inspect.signature(args_class.__init__).parameters, entry
