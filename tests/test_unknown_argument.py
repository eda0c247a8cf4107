"""RM001 fits a renamed input's value to the list/single shape the installed SDK types it with."""

import libcst as cst
import pulumi_aws as aws

from agent import sdk
from fixers.unknown_argument import _reshaped

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
    assert _code(_reshaped(cst.parse_expression("aws.lb.ListenerDefaultActionArgs()"), True, ALIASES)) == "[aws.lb.ListenerDefaultActionArgs()]"
    assert _reshaped(cst.parse_expression("make_actions()"), True, ALIASES) is None  # may already return a list
    assert _reshaped(cst.parse_expression("[aws.s3.XArgs()]"), None, ALIASES) is None
