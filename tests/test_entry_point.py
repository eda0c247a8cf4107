"""RM008 beyond the fixture cases: choosing an entry file and marking a shadowed package."""

from agent.core.classify import to_deploy_error
from agent.core.project import Project
from agent.core.fixes import Fix, FixContext, Skip
from agent.core.project_modules import entry_file, program_dir
from fixers.entry_point import EntryPoint


def project(tmp_path, pulumi_yaml, files):
    (tmp_path / "Pulumi.yaml").write_text(pulumi_yaml)
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    return FixContext(Project.open(tmp_path), stack="ci", region="us-east-1")


def fix(ctx, message, **where):
    fixer = EntryPoint()
    match = fixer.match(to_deploy_error(message, **where), ctx)
    return None if match is None else fixer.fix(match, ctx)


def test_entry_file_and_program_dir(tmp_path):
    ctx = project(tmp_path, "name: p\nruntime: python\nmain: ./src/\n", {"src/__main__.py": ""})
    assert (entry_file(ctx.project), program_dir(ctx.project)) == ("src/__main__.py", "src")


def test_single_root_program_becomes_main(tmp_path):
    ctx = project(
        tmp_path,
        "name: p\nruntime: python\nmain: gone.py\n",
        {"infra.py": "import pulumi_aws as aws\n\naws.s3.Bucket('b')\n", "helpers.py": "def f():\n    return 1\n"},
    )
    result = fix(ctx, "python: can't open file '/x/gone.py': [Errno 2] No such file or directory")
    assert isinstance(result, Fix)
    assert result.edits[0].after == "name: p\nruntime: python\nmain: infra.py\n"


def test_namespace_directory_gets_a_package_marker(tmp_path):
    ctx = project(tmp_path, "name: p\nruntime: python\n", {"__main__.py": "from lib.stack import S\n", "lib/stack.py": ""})
    result = fix(ctx, "ModuleNotFoundError: No module named 'lib.stack'", file="__main__.py", line=1)
    assert isinstance(result, Fix)
    assert [(e.path, e.before, e.after) for e in result.edits] == [("lib/__init__.py", None, "")]


def test_two_homes_for_a_bare_module_is_skipped(tmp_path):
    ctx = project(
        tmp_path,
        "name: p\nruntime: python\n",
        {"__main__.py": "import stack\n", "a/stack.py": "", "b/stack.py": ""},
    )
    result = fix(ctx, "ModuleNotFoundError: No module named 'stack'", file="__main__.py", line=1)
    assert isinstance(result, Skip) and "2 project files" in result.reason


def test_relative_import_climbing_to_a_program_dir_below_the_root_becomes_absolute(tmp_path):
    ctx = project(
        tmp_path,
        "name: p\nruntime: python\nmain: src/\n",
        {
            "src/__main__.py": "from app.queue import q\n",
            "src/app/queue.py": "from ..helpers import h\nfrom ...outside import o\n\nq = h()\n",
            "src/helpers.py": "def h():\n    return 1\n",
        },
    )
    result = fix(ctx, "ImportError: attempted relative import beyond top-level package", file="src/app/queue.py", line=1)
    assert isinstance(result, Fix)
    assert [(e.path, e.after) for e in result.edits] == [("src/app/queue.py", "from helpers import h\nfrom ...outside import o\n\nq = h()\n")]
    (tmp_path / "src/app/queue.py").write_text(result.edits[0].after)
    again = fix(ctx, "ImportError: attempted relative import beyond top-level package", file="src/app/queue.py", line=2)
    assert isinstance(again, Skip)
