"""Pulumi packages a program imports and remediate's environment lacks: installed (here by a fake
installer, no network) at the project's pinned version into a cached folder on the program's path."""

from pathlib import Path

import pytest

from agent.core.classify import to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.local.engine import LocalEngine
from agent.engines.local.packages import (
    PackageUnavailable,
    imported_packages,
    installed_package_dirs,
    missing_packages,
    requirement_for,
)

PROGRAM = """import pulumi
import pulumi_aws as aws
import pulumi_fakepkg
from pulumi_fakepkg.naming import prefix
from helpers import pulumi_helpers

aws.s3.Bucket(prefix("logs"))
pulumi_fakepkg.made = True
"""

FAKE = {
    "pulumi_fakepkg/__init__.py": "made = False\n",
    "pulumi_fakepkg/naming.py": "def prefix(name):\n    return 'fake-' + name\n",
}


def project(root: Path, requirements: str = "", program: str = PROGRAM) -> Project:
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (root / "__main__.py").write_text(program)
    (root / "helpers").mkdir()
    (root / "helpers/__init__.py").write_text("pulumi_helpers = 1\n")
    if requirements:
        (root / "requirements.txt").write_text(requirements)
    return Project.open(root)


class FakeInstaller:
    def __init__(self, files=FAKE):
        self.files, self.calls = files, []

    def __call__(self, requirement: str, target: Path) -> None:
        self.calls.append(requirement)
        for path, text in self.files.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text)


def test_imported_pulumi_packages_leave_out_project_modules_and_what_is_installed(tmp_path):
    shop = project(tmp_path / "shop")
    assert imported_packages(shop) == {"pulumi_aws", "pulumi_fakepkg"}
    assert missing_packages(shop) == ["pulumi_fakepkg"]


@pytest.mark.parametrize(
    "requirements, pyproject, expected",
    [
        ("pulumi>=3,<4\npulumi-fakepkg==2.1.0  # pinned\n", None, "pulumi-fakepkg==2.1.0"),
        ("-r other.txt\nPulumi_FakePkg>=2,<3\n", None, "pulumi-fakepkg<3,>=2"),
        ("", '[project]\nname = "shop"\ndependencies = ["pulumi-fakepkg~=4.0"]\n', "pulumi-fakepkg~=4.0"),
        ("pulumi-aws>=6\n", None, "pulumi-fakepkg"),
    ],
)
def test_the_version_is_the_one_the_project_pins(tmp_path, requirements, pyproject, expected):
    shop = project(tmp_path / "shop", requirements)
    if pyproject:
        (shop.root / "pyproject.toml").write_text(pyproject)
    assert requirement_for(shop, "pulumi_fakepkg") == expected


def test_a_package_is_installed_once_per_version_into_the_workspaces_cache(tmp_path):
    installer = FakeInstaller()
    first = installed_package_dirs(project(tmp_path / "a", "pulumi-fakepkg==1.0\n"), installer)
    again = installed_package_dirs(project(tmp_path / "b", "pulumi-fakepkg==1.0\n"), installer)
    other = installed_package_dirs(project(tmp_path / "c", "pulumi-fakepkg==2.0\n"), installer)
    assert installer.calls == ["pulumi-fakepkg==1.0", "pulumi-fakepkg==2.0"]
    assert first == again != other and (first[0] / "pulumi_fakepkg/naming.py").is_file()
    assert not [p for p in first[0].parent.iterdir() if p.name.startswith(".")]  # no scratch folder left


def test_an_install_that_brings_no_such_module_is_refused(tmp_path):
    with pytest.raises(PackageUnavailable, match="installs no module named pulumi_fakepkg"):
        installed_package_dirs(project(tmp_path / "shop"), FakeInstaller({"other/__init__.py": ""}))


def test_a_package_that_cannot_be_installed_stops_the_run_with_one_line_naming_it(tmp_path):
    def offline(requirement, target):
        raise PackageUnavailable(requirement, "ERROR: No matching distribution found for pulumi-fakepkg==9.9")

    engine = LocalEngine(installer=offline)
    shop = project(tmp_path / "shop", "pulumi-fakepkg==9.9\n")
    stack = StackRef.ephemeral("ci", "us-east-1")
    try:
        result = engine.run(shop, stack)
    finally:
        engine.remove_stack(shop, stack)
    [error] = result.errors
    assert not result.ok and error.kind is ErrorKind.PACKAGE_UNAVAILABLE and error.details == {"requirement": "pulumi-fakepkg==9.9"}
    assert error.message == (
        "pulumi-fakepkg==9.9: the program imports it and it could not be installed "
        "(ERROR: No matching distribution found for pulumi-fakepkg==9.9)"
    )
    assert to_deploy_error(error.message, phase="preview") == error


def test_the_contained_program_imports_the_installed_package(tmp_path):
    engine = LocalEngine(installer=FakeInstaller())
    shop = project(tmp_path / "shop")
    stack = StackRef.ephemeral("ci", "us-east-1")
    try:
        result = engine.run(shop, stack, preview_only=True)
    finally:
        engine.remove_stack(shop, stack)
    assert result.ok, result.errors
    assert [r["name"] for r in result.resources] == ["fake-logs"]
