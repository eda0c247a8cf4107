"""Copying a project never follows a link out of it and never copies without bound."""

import json
import os
from pathlib import Path

import pytest

from agent.cli import main
from agent.core.project import ProjectError
from agent.core.workspaces import copy_project, workspaces_dir


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "lib").mkdir(parents=True)
    (root / "Pulumi.yaml").write_text("name: linked\nruntime: python\n")
    (root / "__main__.py").write_text(
        "import pulumi\n\npulumi.ComponentResource('test:index:Thing', 'thing')\npulumi.export('answer', 42)\n"
    )
    (root / "lib" / "data.txt").write_text("inside\n")
    return root


def test_a_link_inside_the_project_is_copied_as_a_link(project, tmp_path):
    (project / "relative.txt").symlink_to("lib/data.txt")
    (project / "absolute.txt").symlink_to(project / "lib" / "data.txt")
    (project / "shared").symlink_to("lib", target_is_directory=True)
    target = copy_project(project, tmp_path / "copy")
    assert os.readlink(target / "relative.txt") == "lib/data.txt"
    assert (target / "shared").is_symlink() and (target / "shared" / "data.txt").read_text() == "inside\n"
    # an absolute link is re-pointed at the copy: writing through it must not reach the source
    assert (target / "absolute.txt").resolve() == (target / "lib" / "data.txt").resolve()


@pytest.mark.parametrize("link_to", ["../..", "/etc/hostname"])
def test_a_link_out_of_the_project_is_refused_and_nothing_is_copied(project, tmp_path, link_to):
    (project / "lib" / "escape").symlink_to(link_to)
    with pytest.raises(ProjectError, match=r"lib/escape: a symbolic link to .*, outside the project; refused"):
        copy_project(project, tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_links_in_ignored_folders_are_not_looked_at(project, tmp_path):
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "python").symlink_to("/usr/bin/python3")
    assert not (copy_project(project, tmp_path / "copy") / ".venv").exists()


def test_a_run_on_a_project_linking_to_its_parent_exits_2_naming_the_link(project, tmp_path, capsys):
    (project / "up").symlink_to("..")
    out = tmp_path / "out"
    assert main([str(project), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "up: a symbolic link to" in err and "outside the project" in err
    assert not out.exists()
    assert not any((workspaces_dir() / "work").iterdir()), "the refused run left a working copy behind"


def write_limits(folder: Path, **limits) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "limits.json").write_text(json.dumps({"copy": {"max_bytes": 200 * 2**20, "max_files": 20000, **limits}}))


@pytest.fixture
def limits(tmp_path, monkeypatch):
    from agent.core.config import load_data

    monkeypatch.setenv("REMEDIATE_CONFIG", str(tmp_path / "config"))
    load_data.cache_clear()
    yield lambda **given: (write_limits(tmp_path / "config", **given), load_data.cache_clear())
    load_data.cache_clear()


def test_a_project_over_the_file_cap_is_refused_naming_the_cap(project, tmp_path, limits):
    limits(max_files=3)
    for n in range(5):
        (project / f"extra{n}.py").write_text("")
    with pytest.raises(ProjectError, match=r"more than 3 files to copy, the cap copy.max_\w+ in config/limits.json"):
        copy_project(project, tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_a_project_over_the_size_cap_is_refused_naming_the_cap(project, tmp_path, limits):
    limits(max_bytes=2**20)
    (project / "big.bin").write_bytes(b"\0" * (2**20 + 1))
    with pytest.raises(ProjectError, match=r"more than 1 MB to copy, the cap copy.max_\w+ in config/limits.json"):
        copy_project(project, tmp_path / "copy")


def test_a_10000_file_project_runs_and_its_input_is_unchanged(project, tmp_path, capsys):
    """Within the cap, size is no reason to refuse: the run copies, runs and reports as usual."""
    assets = project / "assets"
    for folder in range(100):
        (assets / f"d{folder:02d}").mkdir(parents=True)
        for n in range(100):
            (assets / f"d{folder:02d}" / f"f{n:02d}.txt").write_text(f"{folder}/{n}\n")
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    out = tmp_path / "out"
    assert main([str(project), "--out", str(out)]) == 0, capsys.readouterr().err
    assert json.loads((out / "summary.json").read_text())["status"] == "clean"
    assert sum(1 for path in (out / "project" / "assets").rglob("*") if path.is_file()) == 10_000
    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before
    assert not any((workspaces_dir() / "work").iterdir()), "the run left its working copy behind"
