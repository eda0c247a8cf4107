"""Data files under config/: the user's override directory first, then the shipped defaults."""

from __future__ import annotations

import json
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parents[2] / "config"


def config_path(name: str) -> Path:
    override = os.environ.get("REMEDIATE_CONFIG")
    if override and (Path(override) / name).is_file():
        return Path(override) / name
    return SHIPPED / name


@cache
def load_data(name: str) -> Any:
    """Parse config/<name> (.json or .toml)."""
    path = config_path(name)
    if name.endswith(".toml"):
        return tomllib.loads(path.read_text())
    return json.loads(path.read_text())
