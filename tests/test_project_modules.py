"""The project's own modules: which file an import reads, what it defines, what an unknown name stands for."""

import pytest

from agent.core.project import Project
from agent.core.project_modules import counterpart, defined_names, entry_file, importable_names, module_file, module_name, program_dir


def make(tmp_path, files, main=None) -> Project:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n" + (f"main: {main}\n" if main else ""))
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return Project.open(tmp_path)


def test_imports_resolve_from_the_root_the_entry_folder_and_relative_to_the_importer(tmp_path):
    project = make(
        tmp_path,
        {"lib/__main__.py": "", "lib/settings.py": "", "lib/infra/__init__.py": "", "lib/infra/net.py": "", "tools.py": ""},
        main="lib",
    )
    assert module_file(project, "lib/__main__.py", "settings") == "lib/settings.py"  # the entry's folder is on sys.path
    assert module_file(project, "lib/infra/net.py", "tools") == "tools.py"
    assert module_file(project, "lib/infra/net.py", "settings", level=2) == "lib/settings.py"
    assert module_file(project, "lib/__main__.py", "infra") == "lib/infra/__init__.py"
    assert module_file(project, "lib/__main__.py", "pulumi_aws") is None
    assert module_name(project, "lib/infra/net.py") == "infra.net"
    assert entry_file(project) == "lib/__main__.py"


def test_a_main_folder_with_a_trailing_slash_is_the_program_dir(tmp_path):
    project = make(tmp_path, {"src/__main__.py": ""}, main="./src/")
    assert (entry_file(project), program_dir(project)) == ("src/__main__.py", "src")


def test_defined_names_leave_out_imports_and_give_up_on_star_imports(tmp_path):
    project = make(
        tmp_path,
        {
            "config.py": "import json\nfrom os import environ\nREGION = 'x'\nif environ:\n    STAGE: str = 'dev'\ndef tags():\n    pass\n",
            "star.py": "from config import *\n",
            "broken.py": "x = (\n",
        },
    )
    assert defined_names(project, "config.py") == {"REGION", "STAGE", "tags"}
    assert defined_names(project, "star.py") is None
    assert defined_names(project, "broken.py") is None
    assert importable_names(project, "config.py") == {"REGION", "STAGE", "tags", "json", "environ"}


def test_a_package_gives_its_re_exports_and_submodules(tmp_path):
    project = make(
        tmp_path,
        {
            "settings/__init__.py": "from .base import REGION\nstage = 'dev'\n",
            "settings/base.py": "REGION = 'x'\n",
            "settings/extra/x.py": "",
        },
    )
    assert defined_names(project, "settings/__init__.py") == {"stage"}
    assert importable_names(project, "settings/__init__.py") == {"stage", "REGION", "base", "extra"}


@pytest.mark.parametrize(
    "name, defined, expected",
    [
        ("AWS_REGION", {"aws_region", "tags"}, ("aws_region", True)),
        ("LAMBDA_MEMORY", {"lambda_memory_size", "lambda_timeout"}, ("lambda_memory_size", False)),
        ("LAMBDA", {"lambda_memory_size", "lambda_timeout"}, None),  # begins two names: no guess
        ("REGION_CODE", {"region", "region_name"}, None),
    ],
)
def test_counterpart_is_the_same_words_or_the_one_name_they_begin(name, defined, expected):
    assert counterpart(name, frozenset(defined)) == expected
