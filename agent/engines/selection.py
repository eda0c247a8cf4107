"""Which engine `--engine auto` means on this machine."""

from __future__ import annotations

import shutil

import boto3
from botocore.exceptions import BotoCoreError

from agent.engines.cli_check import EngineUnavailable, pulumi_cli_version


def select_engine(name: str) -> tuple[str, str]:
    """(engine name, reason): "auto" picks pulumi when its CLI (new enough) and AWS credentials are
    there; "pulumi" asked for by name without its CLI is EngineUnavailable, before anything starts."""
    if name == "pulumi":
        pulumi_cli_version()
    if name != "auto":
        return name, "requested"
    missing = []
    if shutil.which("pulumi") is None:
        missing.append("no pulumi CLI on PATH")
    else:
        try:
            pulumi_cli_version()
        except EngineUnavailable as exc:
            missing.append(str(exc))
    if not _aws_credentials():
        missing.append("no AWS credentials")
    if missing:
        return "local", " and ".join(missing)
    return "pulumi", "pulumi CLI on PATH and AWS credentials found"


def _aws_credentials() -> bool:
    try:
        return boto3.Session().get_credentials() is not None
    except BotoCoreError:  # a broken profile is as good as none
        return False
