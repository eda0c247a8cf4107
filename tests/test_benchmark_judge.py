"""The corpus benchmark's judge: which refusals of a deployed tree are its older SDK's, not false alarms."""

from benchmarks.judge import older_sdk


def test_an_argument_an_earlier_major_had_is_the_older_sdks():
    message = "TypeError: Deployment._internal_init() got an unexpected keyword argument 'stage_name'"
    assert older_sdk(message) == "pulumi-aws 7 dropped Deployment.stage_name"


def test_an_argument_no_major_had_and_other_errors_are_not():
    assert older_sdk("TypeError: Bucket._internal_init() got an unexpected keyword argument 'colour'") is None
    assert older_sdk("Cannot find version 15.3 for aurora-postgresql") is None
