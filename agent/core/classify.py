"""Classify a failure's text into an ErrorKind with its parsed details.

Both engines hand their failures here, so one table decides what every error is.
The patterns read error *messages* (engine and provider output), never source code.
"""

from __future__ import annotations

import re
from typing import Any

from agent.core.errors import DeployError, ErrorKind

# Ordered: the first pattern that matches decides the kind.
PATTERNS: list[tuple[ErrorKind, re.Pattern[str]]] = [
    (ErrorKind.SYNTAX, re.compile(r"^(?:SyntaxError|IndentationError|TabError)\b")),
    (ErrorKind.NO_RESOURCES, re.compile(r"^the program registered no resource\b")),
    (ErrorKind.PACKAGE_UNAVAILABLE, re.compile(r"^(?P<requirement>\S+): the program imports it and it could not be installed")),
    (ErrorKind.ENTRY_POINT, re.compile(r"can't open file '(?P<path>[^']+)'")),
    (ErrorKind.ENTRY_POINT, re.compile(r"attempted relative import (?:with no known parent package|beyond top-level package)")),
    (
        ErrorKind.UNKNOWN_ARGUMENT,
        re.compile(r"(?P<cls>\w+)\.(?:_internal_init|__init__)\(\) got an unexpected keyword argument '(?P<argument>\w+)'"),
    ),
    (  # a data-source function (invoke): aws.ec2.get_subnets(vpc_id=...)
        ErrorKind.UNKNOWN_ARGUMENT,
        re.compile(r"(?<![\w.])(?P<function>get_\w+)\(\) got an unexpected keyword argument '(?P<argument>\w+)'"),
    ),
    (ErrorKind.MISSING_PROPERTY, re.compile(r"Missing required property '(?P<property>\w+)'")),
    (
        ErrorKind.MISSING_PROPERTY,
        re.compile(r"(?P<cls>\w+)\.__init__\(\) missing 1 required keyword-only argument: '(?P<property>\w+)'"),
    ),
    (  # the program's own function or class: `TapStack.__init__() missing 1 required positional argument: 'args'`
        ErrorKind.MISSING_ARGUMENT,
        re.compile(r"(?P<callable>[\w.]+)\(\) missing \d+ required positional arguments?: (?P<names>'\w+'(?:(?:, | and |, and )'\w+')*)"),
    ),
    (
        ErrorKind.INPUT_SHAPE,
        re.compile(
            r"Unexpected type\. Expected 'list' got '<class '(?P<declared>\w+)'>'"
            r"(?: \(input '(?P<argument>\w+)' of (?P<cls>\w+))?"
        ),
    ),
    (  # agent/core/input_types.py: `expected` is int/float/bool/str/list, "plain" or a Resource class; `given`
        # the value's kind (str, int, dict, an Args class name, Output). Any engine wording a type refusal so
        # is read the same way.
        ErrorKind.INPUT_TYPE,
        re.compile(r"input '(?P<argument>\w+)' of (?P<cls>\w+) takes (?P<expected>\w+), given (?P<given>\w+)"),
    ),
    (  # a dict given for an Args class with a key it does not take; `suggestion`: the input it spells otherwise
        ErrorKind.UNKNOWN_KEY,
        re.compile(r"'(?P<key>[^']+)' is not an input of (?P<cls>\w+)(?:\. Did you mean: '(?P<suggestion>\w+)'\?)?"),
    ),
    # Python's own text for `bucket.arn()` or `vpc.id.split(...)`; the preflight builds the same (run_errors.output_called)
    (ErrorKind.OUTPUT_CALLED, re.compile(r"'(?P<called>Output)' object is not callable")),
    (  # `sequence` (the opening bracket) is there when the refused value is a list or tuple
        ErrorKind.INVALID_OPTION,
        re.compile(r"'(?P<option>depends_on)' was passed a value (?P<value>(?P<sequence>[\[(])?.*?) that was not a Resource"),
    ),
    (
        ErrorKind.MISSING_SDK_MEMBER,
        re.compile(r"module '(?P<module>pulumi_aws[\w.]*)' has no attribute '(?P<member>\w+)'"),
    ),
    (ErrorKind.MISSING_SDK_MEMBER, re.compile(r"module '(?P<module>pulumi)' has no attribute '(?P<member>\w+)'")),
    (
        ErrorKind.MISSING_SDK_MEMBER,
        re.compile(r"cannot import name '(?P<member>\w+)' from '(?P<module>pulumi_aws[\w.]*)'"),
    ),
    (ErrorKind.READ_ONLY_OUTPUT, re.compile(r"property '(?P<attribute>\w+)' of '(?P<cls>\w+)' object has no setter")),
    (
        ErrorKind.UNKNOWN_ATTRIBUTE,
        re.compile(r"'(?P<cls>\w+)' object has no attribute '(?P<attribute>\w+)'(?:\. Did you mean: '(?P<suggestion>\w+)'\?)?"),
    ),
    (ErrorKind.ENUM_MEMBER, re.compile(r"^AttributeError: (?P<member>[A-Z][A-Z0-9_]*)$")),
    (ErrorKind.ENGINE_VERSION, re.compile(r"Cannot find version (?P<version>[\w.]+) for (?P<engine>[\w-]+)")),
    (ErrorKind.RETIRED_VALUE, re.compile(r"The runtime parameter of (?P<runtime>[\w.-]+) is no longer supported")),
    (
        ErrorKind.RETIRED_VALUE,
        re.compile(r"following combination: DBInstanceClass=(?P<instance_class>[\w.-]+), Engine=(?P<engine>[\w-]+)"),
    ),
    (ErrorKind.RETIRED_VALUE, re.compile(r"Invalid Cache Node Type: (?P<node_type>[\w.-]+)")),
    (
        ErrorKind.RESERVED_USERNAME,
        re.compile(r"MasterUsername (?P<username>\S+) cannot be used as it is a reserved word"),
    ),
    (ErrorKind.RESERVED_DOMAIN, re.compile(r"InvalidDomainName: (?P<domain>\S+) is reserved by AWS")),
    (  # `rule`: the naming rule's text, as config/rules/naming_rules.json quotes it
        ErrorKind.INVALID_NAME,
        re.compile(r"(?P<rule>only lowercase alphanumeric characters[^\"]*\"(?P<property>\w+)\")"),
    ),
    (
        ErrorKind.INVALID_NAME,
        re.compile(r"(?P<rule>api error InvalidBucketName: (?:The specified bucket is not valid\.)?)"),
    ),
    (  # the provider's verify.ValidateIPv4CIDRBlock
        ErrorKind.INVALID_VALUE,
        re.compile(
            r"resource '(?P<name>[^']+)' has a problem: "
            r"(?P<problem>.*?\"(?P<value>[^\"]+)\" is not a valid (?P<expected>CIDR block).*)"
        ),
    ),
    (  # the provider's type check of a value's shape (agent/engines/local/schema_shape.py words it as the bridge does)
        ErrorKind.INPUT_SHAPE,
        re.compile(
            r"resource '(?P<name>[^']+)' has a problem: (?:expected (?P<expected>array|object) type|Expected Object Type)"
            r".*?Examine values at '[^'.]+\.(?P<path>[^']+)'"
        ),
    ),
    (ErrorKind.INVALID_VALUE, re.compile(r"resource '(?P<name>[^']+)' has a problem: (?P<problem>.*)")),
    (ErrorKind.DUPLICATE_URN, re.compile(r"Duplicate resource URN '(?P<urn>[^']+)'")),
    (ErrorKind.MISSING_CONFIG, re.compile(r"Missing required configuration variable '(?P<key>[^']+)'")),
    (ErrorKind.MISSING_CONFIG, re.compile(r"Required config(?:uration)? '(?P<key>[^']+)' is missing")),
    (ErrorKind.IMPORT_NAME, re.compile(r"cannot import name '(?P<name>\w+)' from '(?P<module>[\w.]+)'")),
    (ErrorKind.MODULE_NOT_FOUND, re.compile(r"No module named '(?P<module>[\w.]+)'")),
    (ErrorKind.UNDEFINED_NAME, re.compile(r"NameError: name '(?P<name>\w+)' is not defined")),
    (ErrorKind.MISSING_FILE, re.compile(r"\[Errno 2\] No such file or directory: '(?P<path>[^']+)'")),
    (
        ErrorKind.TRANSIENT,
        re.compile(
            r"Throttling|Rate exceeded|RequestLimitExceeded|TooManyRequestsException|"
            r"Invalid Integration identifier specified|ServiceUnavailable|"
            r"PriorRequestNotComplete|OperationAbortedException"
        ),
    ),
    (ErrorKind.CLOUD, re.compile(r"api error \w+:|StatusCode: \d{3}")),
    (ErrorKind.PROGRAM, re.compile(r"Object of type (?P<unserializable>\w+) is not JSON serializable")),
]

# Read whatever the kind decided: what a message says beside its error. Their named groups join
# the details.
FACTS: list[re.Pattern[str]] = [
    # pulumi's Output.__str__ text: an f-string rendered an Output into a name or value
    re.compile(r"(?P<output_as_string>Calling __str__ on an Output)"),
    # the preflight's: an Output used as a dict key (at run time a bare "bad argument type for built-in operation")
    re.compile(r"(?P<output_key>an Output used as a dict key)"),
    # a password a service refused for its special characters, by the API parameter it was given as
    re.compile(r"Invalid (?P<password_parameter>AuthToken) provided"),
    re.compile(r"(?P<password_parameter>MasterUserPassword) is not a valid password\. Only printable ASCII characters"),
]


def _groups(found: re.Match[str]) -> dict[str, Any]:
    return {k: v for k, v in found.groupdict().items() if v is not None}


def classify_text(message: str) -> tuple[ErrorKind, dict[str, Any]]:
    facts: dict[str, Any] = {}
    for fact in FACTS:
        found = fact.search(message)
        if found:
            facts.update(_groups(found))
    for kind, pattern in PATTERNS:
        found = pattern.search(message)
        if found:
            return kind, {**facts, **_groups(found)}
    return ErrorKind.PROGRAM, facts


def to_deploy_error(
    message: str,
    *,
    raw: str = "",
    resource_type: str | None = None,
    resource_name: str | None = None,
    file: str | None = None,
    line: int | None = None,
    phase: str = "preview",
) -> DeployError:
    kind, details = classify_text(message)
    return DeployError(
        kind=kind,
        message=message.strip(),
        raw=raw or message,
        resource_type=resource_type,
        resource_name=resource_name,
        file=file,
        line=line,
        phase=phase,
        details=details,
    )
