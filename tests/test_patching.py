"""Edits land whole or not at all, and never leave Python the program's interpreter cannot read."""

import sys

import pytest

from agent.core.fixes import Edit
from agent.core.project import Project
from agent.patching import PatchRefused, apply_edits

NESTED_QUOTES = 'name = f"{str("a")}-stage"\n'  # libcst parses it; CPython reads it only from 3.12


@pytest.fixture
def project(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "__main__.py").write_text("x = 1\n")
    return Project.open(tmp_path)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 reads f-strings that nest their quotes")
def test_an_edit_only_newer_python_can_read_is_refused(project):
    with pytest.raises(PatchRefused, match="on this Python"):
        apply_edits(project, [Edit("__main__.py", "x = 1\n", NESTED_QUOTES)])
    assert project.read("__main__.py") == "x = 1\n"


def test_a_file_already_in_newer_syntax_may_still_be_edited(project):
    (project.root / "__main__.py").write_text(NESTED_QUOTES + "x = 1\n")
    apply_edits(project, [Edit("__main__.py", NESTED_QUOTES + "x = 1\n", NESTED_QUOTES + "x = 2\n")])
    assert project.read("__main__.py").endswith("x = 2\n")


def test_one_stale_edit_refuses_them_all(project):
    (project.root / "b.py").write_text("y = 1\n")
    edits = [Edit("__main__.py", "x = 1\n", "x = 2\n"), Edit("b.py", "y = 0\n", "y = 2\n")]
    with pytest.raises(PatchRefused, match="changed since"):
        apply_edits(project, edits)
    assert project.read("__main__.py") == "x = 1\n" and project.read("b.py") == "y = 1\n"


def test_an_edit_without_after_removes_the_file_and_a_refusal_keeps_it(project):
    (project.root / "old.py").write_text("y = 1\n")
    with pytest.raises(PatchRefused, match="changed since"):
        apply_edits(project, [Edit("old.py", "y = 1\n", None), Edit("__main__.py", "x = 0\n", "x = 2\n")])
    assert project.read("old.py") == "y = 1\n"
    apply_edits(project, [Edit("old.py", "y = 1\n", None), Edit("new.py", None, "y = 1\n")])
    assert not (project.root / "old.py").exists() and project.read("new.py") == "y = 1\n"
