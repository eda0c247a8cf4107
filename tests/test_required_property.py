from agent.core.classify import classify_text
from agent.core.errors import ErrorKind


def test_missing_property_of_a_resource():
    kind, details = classify_text("TypeError: Missing required property 'rest_api'")
    assert (kind, details) == (ErrorKind.MISSING_PROPERTY, {"property": "rest_api"})


def test_missing_keyword_only_argument_of_an_args_class():
    message = "TypeError: TableGlobalSecondaryIndexArgs.__init__() missing 1 required keyword-only argument: 'projection_type'"
    kind, details = classify_text(message)
    assert (kind, details) == (ErrorKind.MISSING_PROPERTY, {"cls": "TableGlobalSecondaryIndexArgs", "property": "projection_type"})


def test_missing_positional_argument_is_the_programs_own_call_not_a_missing_property():
    kind, _ = classify_text("TypeError: TapStack.__init__() missing 1 required positional argument: 'args'")
    assert kind is ErrorKind.MISSING_ARGUMENT
