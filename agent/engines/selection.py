"""Which engine `--engine auto` means on this machine."""

from __future__ import annotations

import shutil

import boto3
from botocore.exceptions import BotoCoreError


def select_engine(name: str) -> tuple[str, str]:
    """(engine name, reason): "auto" picks pulumi when its CLI and AWS credentials are there."""
    if name != "auto":
        return name, "requested"
    missing = []
    if shutil.which("pulumi") is None:
        missing.append("no pulumi CLI on PATH")
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
