"""Put tests/fake_pulumi.py on PATH as `pulumi`, and read back what it was asked."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

FAKE = Path(__file__).parent / "fake_pulumi.py"


def install(root: Path, environ: dict[str, str], version: str = "v3.180.0") -> Path:
    """A bin/pulumi that runs the fake; `environ` (os.environ, or a child's env) gets PATH and the
    fake's home. Returns the home, where calls.jsonl, stacks/ and locks/ live."""
    home, bin_dir = root / "fake-pulumi", root / "bin"
    home.mkdir(parents=True, exist_ok=True)
    bin_dir.mkdir(parents=True, exist_ok=True)
    script = bin_dir / "pulumi"  # the fake itself under the CLI's name, as the engine finds its CLI children by name
    script.write_text(f"#!{sys.executable}\n" + FAKE.read_text())
    script.chmod(0o755)
    environ["PATH"] = f"{bin_dir}{os.pathsep}{environ.get('PATH', '')}"
    environ["FAKE_PULUMI_HOME"] = str(home)
    environ["FAKE_PULUMI_VERSION"] = version
    return home


def calls(home: Path) -> list[dict]:
    path = home / "calls.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def install_here(root: Path, monkeypatch, version: str = "v3.180.0") -> Path:
    """install() into this process's environment, undone when the test ends."""
    env = {"PATH": os.environ.get("PATH", "")}
    home = install(root, env, version)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return home
