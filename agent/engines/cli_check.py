"""Is the pulumi CLI there, and new enough? Asked before a run starts, so a machine without it gets one
line (and exit 2) instead of a crash after the local fixes, with a stack record left behind."""

from __future__ import annotations

import os
import shutil
import subprocess

from semver import VersionInfo

# The Automation API's own floor (pulumi.automation._minimum_version) is 3.1.0; the CLI is held to the
# release that fixed the Python event-watcher hang (pulumi/pulumi#19539, CHANGELOG 3.170.0), the
# same floor pyproject.toml sets for the SDK, since both read the one event-log format.
MINIMUM_CLI = VersionInfo.parse("3.170.0")
VERSION_TIMEOUT_S = 30.0


class EngineUnavailable(Exception):
    """The requested engine cannot run on this machine; the message says what is missing."""


def pulumi_cli_version(command: str = "pulumi") -> VersionInfo:
    """The version of the pulumi CLI on PATH; EngineUnavailable when it is missing, broken or too old."""
    path = shutil.which(command)
    if path is None:
        raise EngineUnavailable(
            f"--engine pulumi needs the pulumi CLI (>= {MINIMUM_CLI}) on PATH; none found (https://www.pulumi.com/docs/install/)"
        )
    try:
        ran = subprocess.run(
            [path, "version"],
            capture_output=True,
            text=True,
            timeout=VERSION_TIMEOUT_S,
            env={**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineUnavailable(f"`{path} version` failed: {exc}") from exc
    text = ran.stdout.strip().removeprefix("v")
    try:
        version = VersionInfo.parse(text)
    except ValueError:
        raise EngineUnavailable(f"`{path} version` printed {text or ran.stderr.strip()!r}, not a version") from None
    if version.major != MINIMUM_CLI.major or version < MINIMUM_CLI:
        raise EngineUnavailable(f"--engine pulumi needs pulumi CLI {MINIMUM_CLI.major}.x >= {MINIMUM_CLI}; {path} is {version}")
    return version
