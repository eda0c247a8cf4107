"""The program writes to its working copy only, and cannot read the user's home by full path."""

import os
import shutil
import subprocess
import textwrap
import uuid

import pytest

from agent.core.project import Project
from agent.core.workspaces import workspaces_dir
from agent.engines.base import StackRef
from agent.engines.local.engine import LocalEngine

STORED_SECRET = "stored/credentials/file/secret"


def namespaces_permitted() -> bool:
    """Whether this user may enter mount and network namespaces (root, or user namespaces)."""
    as_user = [] if os.geteuid() == 0 else ["--user"]
    return shutil.which("unshare") is not None and subprocess.run(["unshare", *as_user, "--mount", "--net", "true"]).returncode == 0


pytestmark = pytest.mark.skipif(not namespaces_permitted(), reason="files are contained only in namespaces")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """The user's home, holding credentials, and workspaces inside it (the default place)."""
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text(f"[default]\naws_secret_access_key = {STORED_SECRET}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(home / ".cache" / "remediate"))
    return home


@pytest.fixture(scope="module")
def engine():
    engine = LocalEngine()
    yield engine
    engine.close()


@pytest.fixture
def run(engine, home):
    """Preview (and up) a program; its errors' messages and the text of every file the run wrote."""

    def _run(program: str, preview_only: bool = True) -> tuple[list[str], str]:
        root = workspaces_dir() / "work" / f"program-{uuid.uuid4().hex[:8]}"
        root.mkdir(parents=True)
        (root / "Pulumi.yaml").write_text("name: contained\nruntime: python\n")
        (root / "__main__.py").write_text(textwrap.dedent(program))
        result = engine.run(Project.open(root), StackRef.ephemeral("dev", "us-east-1"), preview_only)
        written = "".join(path.read_text(errors="replace") for path in workspaces_dir().rglob("*") if path.is_file())
        return [error.message for error in result.errors], written

    return _run


def test_a_write_outside_the_working_copy_is_refused_and_named(run, tmp_path):
    outside = tmp_path / "outside" / "planted.txt"
    outside.parent.mkdir()
    errors, _ = run(f"open({str(outside)!r}, 'w').write('planted')\n")
    assert errors == [f"write outside the working copy refused: {outside}"]
    assert not outside.exists()


def test_credentials_under_the_real_home_cannot_be_read_by_full_path(run, home):
    credentials = home / ".aws" / "credentials"
    program = f"""
    import pathlib
    path = pathlib.Path({str(credentials)!r})
    print(path.read_text() if path.exists() else "no credentials file")
    raise SystemExit("seen: " + (path.read_text() if path.exists() else "no credentials file"))
    """
    errors, written = run(program)
    assert errors == ["SystemExit: seen: no credentials file"]
    assert STORED_SECRET not in written
    assert credentials.read_text().endswith(f"{STORED_SECRET}\n")  # hidden from the program, not touched


def test_a_program_writing_inside_its_working_copy_and_temp_folder_runs_clean(run):
    """Pulumi's mock monitor, pulumi_aws and moto (on up) work inside too."""
    program = """
    import os, pathlib, tempfile
    import pulumi, pulumi_aws as aws
    pathlib.Path("build").mkdir(exist_ok=True)
    pathlib.Path("build/out.txt").write_text("made")
    with tempfile.NamedTemporaryFile() as scratch:
        scratch.write(b"scratch")
    pathlib.Path(os.path.expanduser("~/.cache-of-a-tool")).write_text("cached")
    aws.s3.Bucket("bucket")
    """
    errors, _ = run(program, preview_only=False)
    assert errors == []
