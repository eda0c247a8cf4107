"""The structured error every engine produces and every fixer consumes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class ErrorKind(str, Enum):
    UNKNOWN_ARGUMENT = "unknown_argument"
    UNKNOWN_ATTRIBUTE = "unknown_attribute"
    MISSING_SDK_MEMBER = "missing_sdk_member"
    ENUM_MEMBER = "enum_member"
    ENGINE_VERSION = "engine_version"
    RETIRED_VALUE = "retired_value"  # a runtime, instance class or node type AWS no longer takes for new resources
    RESERVED_USERNAME = "reserved_username"
    RESERVED_DOMAIN = "reserved_domain"  # a public hosted zone for a domain AWS reserves (example.com)
    INVALID_NAME = "invalid_name"
    INVALID_VALUE = "invalid_value"  # a provider check rejected an input
    INPUT_SHAPE = "input_shape"  # a list given where the SDK takes one value
    INPUT_TYPE = "input_type"  # a value of another type than the SDK's annotation: "80" for an int, an Output for a plain value
    UNKNOWN_KEY = "unknown_key"  # a dict standing for an Args class holds a key the class does not take
    READ_ONLY_OUTPUT = "read_only_output"  # the program assigns an output of a resource (`stage.invoke_url = ...`)
    OUTPUT_CALLED = "output_called"  # an Output called like a function (`bucket.arn()`, `vpc.id.split(...)`)
    INVALID_OPTION = "invalid_option"  # the pulumi SDK refused a resource option's value
    MISSING_FILE = "missing_file"
    DUPLICATE_URN = "duplicate_urn"
    MODULE_NOT_FOUND = "module_not_found"
    IMPORT_NAME = "import_name"  # ImportError: a module (of the project) lacks the name asked of it
    UNDEFINED_NAME = "undefined_name"  # NameError: a name no scope binds (often a missing import)
    ENTRY_POINT = "entry_point"
    MISSING_CONFIG = "missing_config"
    MISSING_PROPERTY = "missing_property"
    MISSING_ARGUMENT = "missing_argument"  # a call of the program's own function or class lacks a required positional argument
    NO_RESOURCES = "no_resources"  # the program ran clean but registered nothing to deploy
    PACKAGE_UNAVAILABLE = "package_unavailable"  # a Pulumi package the program imports could not be installed
    TRANSIENT = "transient"
    SYNTAX = "syntax"
    CLOUD = "cloud"
    PROGRAM = "program"


@dataclass(frozen=True)
class DeployError:
    """One failure of a preview or an up, located in the user's code where possible."""

    kind: ErrorKind
    message: str
    raw: str = ""
    resource_type: str | None = None
    resource_name: str | None = None
    file: str | None = None
    line: int | None = None
    phase: str = "preview"
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def one_line(self) -> str:
        return self.message.splitlines()[0] if self.message else self.kind.value

    def fingerprint(self) -> str:
        """Identity of the failure: the same error at the same place, whatever its request ids.

        The place is part of it, so one error text at two call sites is two failures."""
        text = re.sub(r"(RequestID|HostID): [\w+/=-]+", r"\1: *", self.message)
        key = "|".join([self.kind.value, self.resource_type or "", self.file or "", str(self.line or ""), text])
        return hashlib.sha1(key.encode()).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    def summary(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "message": self.one_line, "file": self.file, "line": self.line}


def parse_urn(urn: str | None) -> tuple[str | None, str | None]:
    """(type, name) of a resource URN `urn:pulumi:<stack>::<project>::<parent$>type::name`."""
    if not urn or not urn.startswith("urn:pulumi:"):
        return None, None
    parts = urn.split("::", 3)
    if len(parts) < 4:
        return None, None
    return parts[2].split("$")[-1], parts[3]
