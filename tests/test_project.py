"""A project's Python sources: the program's files, not what it or its tools installed."""

from agent.core.project import Project


def test_python_files_leave_out_tests_virtualenvs_and_folders_pip_installed_into(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    for rel in [
        "__main__.py",
        "lib/stack.py",
        "lambda/index.py",
        "tests/test_stack.py",
        ".venv/lib/site.py",
        "build/index.py",
        "build/boto3/__init__.py",
        "build/boto3-1.34.0.dist-info/RECORD",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    assert list(Project.open(tmp_path).python_files()) == ["__main__.py", "lambda/index.py", "lib/stack.py"]
