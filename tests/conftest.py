import shutil
from pathlib import Path

import pytest

from agent.core.project import Project

HERE = Path(__file__).parent


@pytest.fixture
def copy_project(tmp_path):
    """Copy a fixture project into a temporary directory and open it."""

    def _copy(source: Path) -> Project:
        target = tmp_path / "project"
        shutil.copytree(source, target)
        return Project.open(target)

    return _copy


@pytest.fixture(autouse=True)
def workspaces_in_tmp(tmp_path_factory, monkeypatch):
    """Runs keep copies and stack state in a temporary folder, never the user's cache."""
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path_factory.mktemp("workspaces")))
