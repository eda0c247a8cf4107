"""The classification table: which kind a failure's text is, and the details it carries."""

from agent.core.classify import classify_text
from agent.core.errors import ErrorKind


def test_depends_on_refusing_a_list_carries_the_value_and_its_opening_bracket():
    kind, details = classify_text(
        "TypeError: 'depends_on' was passed a value [<pulumi_aws.s3.bucket.Bucket object at 0x7f00>] that was not a Resource."
    )
    assert kind is ErrorKind.INVALID_OPTION
    assert details == {"option": "depends_on", "value": "[<pulumi_aws.s3.bucket.Bucket object at 0x7f00>]", "sequence": "["}


def test_depends_on_refusing_a_tuple_carries_its_opening_bracket():
    _, details = classify_text("TypeError: 'depends_on' was passed a value (<Bucket>,) that was not a Resource.")
    assert details["sequence"] == "("


def test_depends_on_refusing_a_value_that_is_no_sequence_has_no_bracket():
    kind, details = classify_text("TypeError: 'depends_on' was passed a value my-bucket that was not a Resource.")
    assert kind is ErrorKind.INVALID_OPTION
    assert details == {"option": "depends_on", "value": "my-bucket"}
