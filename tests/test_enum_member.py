"""RM013: which enum member replaces a missing one, and how sure that is."""

import pulumi_aws as aws

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind
from agent.core.fixes import Safety
from fixers.enum_member import replacement

RUNTIME = aws.lambda_.Runtime


def test_bare_attribute_error_of_a_member_name_is_an_enum_member_error():
    assert classify_text("AttributeError: PYTHON3_11") == (ErrorKind.ENUM_MEMBER, {"member": "PYTHON3_11"})
    assert classify_text("AttributeError: 'Function' object has no attribute 'PYTHON3_11'")[0] is ErrorKind.UNKNOWN_ATTRIBUTE
    assert classify_text("AttributeError: runtime")[0] is ErrorKind.PROGRAM


def test_same_value_spelled_differently_is_safe():
    assert replacement(RUNTIME, "PYTHON3_11")[:2] == ("PYTHON3D11", Safety.SAFE)
    assert replacement(RUNTIME, "NODEJS20_X")[:2] == ("NODE_JS20D_X", Safety.SAFE)
    assert replacement(RUNTIME, "PROVIDED_AL2023")[:2] == ("CUSTOM_AL2023", Safety.SAFE)  # by the value "provided.al2023"


def test_a_unique_close_name_is_unsafe_and_several_are_left_to_a_human():
    assert replacement(RUNTIME, "JAVA25X")[:2] == ("JAVA25", Safety.UNSAFE)
    target, _, why = replacement(RUNTIME, "DOTNET_CORE_2")
    assert target is None and "DOTNET_CORE2D1" in why and "DOTNET_CORE3D1" in why
    assert replacement(RUNTIME, "PYTHON4_0")[0] is None
