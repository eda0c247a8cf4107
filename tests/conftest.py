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
