"""A hostile or broken response ends in a one-line ProjectError naming the file or block, never a write outside."""

import os
from pathlib import Path

import pytest

from agent.core.project import ProjectError
from agent.intake.guards import limit
from agent.intake.materialize import materialize
from tests.test_materialize import FLAT, STACK, case, fence


def test_a_leading_slash_on_a_project_path_means_the_project(tmp_path):
    root = materialize(case(tmp_path, "## File: /lib/tap_stack.py\n" + fence(STACK)), tmp_path / "out").root
    assert (root / "lib" / "tap_stack.py").read_text() == STACK


@pytest.mark.parametrize("path", ["/etc/cron.d/evil.py", "/home/user/evil.py", "~/evil.py"])
def test_a_machine_path_is_refused_naming_the_block(tmp_path, path):
    folder = case(tmp_path, "Intro\n\n## File: " + path + "\n" + fence(FLAT))
    with pytest.raises(ProjectError, match=r"code block at line 4 of the response\): it points outside the project"):
        materialize(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_response_linking_out_of_its_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("## File: __main__.py\n" + fence(FLAT))
    folder = tmp_path / "case"
    folder.mkdir()
    os.symlink(secret, folder / "MODEL_RESPONSE.md")
    with pytest.raises(ProjectError, match="a link out of the candidate folder"):
        materialize(folder, tmp_path / "out")


def test_a_20_mb_response_is_refused_before_it_is_parsed(tmp_path):
    folder = case(tmp_path, "## File: __main__.py\n" + fence(FLAT) + "x" * 20_000_000)
    with pytest.raises(ProjectError, match=r"20\.0 MB is over the 5\.0 MB limit for a response"):
        materialize(folder, tmp_path / "out")


def test_an_oversized_block_is_refused_naming_its_line(tmp_path):
    huge = FLAT + "# " + "y" * limit("max_block_bytes") + "\n"
    with pytest.raises(
        ProjectError, match=r"'lib/big\.py' \(code block at line 2 of the response\): 1\.0 MB is over the 1\.0 MB limit for one file"
    ):
        materialize(case(tmp_path, "## File: lib/big.py\n" + fence(huge)), tmp_path / "out")


def test_binary_content_is_refused_naming_its_line(tmp_path):
    folder = case(tmp_path, "text\nmore\n\x00\x01\x02 blob\n## File: __main__.py\n" + fence(FLAT))
    with pytest.raises(ProjectError, match=r"binary content \(a NUL byte at line 3\)"):
        materialize(folder, tmp_path / "out")


def test_a_stray_control_character_is_text(tmp_path):
    """A real response printed "\x13 VPC exists" (an emoji mangled on its way): still a response."""
    folder = case(tmp_path, 'Tests:\n```python\nprint("\x13 VPC exists")\n```\n## File: __main__.py\n' + fence(FLAT))
    assert (materialize(folder, tmp_path / "out").root / "__main__.py").read_text() == FLAT


def test_windows_1252_text_is_read_and_noted(tmp_path):
    folder = case(tmp_path, "")
    text = "Sizes t3.micro \u2019 t3.small\n## File: __main__.py\n" + fence(FLAT)
    (folder / "MODEL_RESPONSE.md").write_bytes(text.encode("cp1252"))
    made = materialize(folder, tmp_path / "out")
    assert (made.root / "__main__.py").read_text() == FLAT
    assert "MODEL_RESPONSE.md is not UTF-8 (byte 0x92 at line 1); read as Windows-1252" in made.notes


def test_a_limit_can_be_lowered_by_the_user(tmp_path, monkeypatch):
    from agent.core.config import load_data

    override = tmp_path / "config"
    override.mkdir()
    (override / "limits.json").write_text('{"intake": {"max_response_bytes": 100, "max_block_bytes": 100}}')
    monkeypatch.setenv("REMEDIATE_CONFIG", str(override))
    load_data.cache_clear()
    try:
        with pytest.raises(ProjectError, match=r"\d+ bytes is over the 100 bytes limit for a response"):
            materialize(case(tmp_path, "## File: __main__.py\n" + fence(FLAT)), tmp_path / "out")
    finally:
        monkeypatch.undo()
        load_data.cache_clear()
    assert Path(tmp_path / "out").exists() is False
