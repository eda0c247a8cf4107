"""--out never destroys: what a run refuses to write into, and what it may write over."""

import json
from pathlib import Path

import pytest

from agent.cli import main


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "home" / "proj"
    root.mkdir(parents=True)
    (root / "Pulumi.yaml").write_text("name: tiny\nruntime: python\n")
    (root / "__main__.py").write_text(
        "import pulumi\n\npulumi.ComponentResource('test:index:Thing', 'thing')\npulumi.export('answer', 42)\n"
    )
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def refused(argv: list[str], capsys, *expected: str) -> None:
    """The run exits 2 with one line holding each expected text."""
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for text in expected:
        assert text in err, err


@pytest.mark.parametrize("where", ["input", "inside", "parent", "grandparent"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_out_may_not_be_the_input_inside_it_or_above_it_even_with_force(project, tmp_path, capsys, where, force):
    out = {"input": project, "inside": project / "results", "parent": project.parent, "grandparent": tmp_path}[where]
    before = tree(tmp_path)
    refused([str(project), "--out", str(out), *force], capsys, f"--out {out}:", "input")
    assert tree(tmp_path) == before and not (project / "results").exists()


def test_out_holding_other_files_is_refused_without_force(project, tmp_path, capsys):
    out = tmp_path / "mine"
    (out / "project").mkdir(parents=True)
    (out / "project" / "keep.txt").write_text("the user's\n")
    before = tree(tmp_path)
    refused([str(project), "--out", str(out)], capsys, "not empty and not a previous run's output", "--force")
    assert tree(tmp_path) == before


def test_force_writes_into_a_folder_holding_other_files_and_keeps_them(project, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("the user's\n")
    assert main([str(project), "--out", str(out), "--force"]) == 0
    assert (out / "notes.txt").read_text() == "the user's\n"
    assert json.loads((out / "summary.json").read_text())["status"] == "clean"


def test_a_previous_runs_output_is_replaced(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(project), "--out", str(out)]) == 0
    (out / "project" / "stale.txt").write_text("from the first run\n")
    assert main([str(project), "--out", str(out)]) == 0
    assert not (out / "project" / "stale.txt").exists()
    events = [json.loads(line)["event"] for line in (out / "fixlog.jsonl").read_text().splitlines()]
    assert events.count("run_started") == 1, "the fix log holds the second run only"


def test_out_naming_a_file_is_one_line_and_exit_2(project, tmp_path, capsys):
    out = tmp_path / "out.txt"
    out.write_text("x")
    refused([str(project), "--out", str(out)], capsys, f"--out {out}: a file, not a folder")
    assert out.read_text() == "x"


@pytest.mark.parametrize("stack", ["../../evil", "a/b", "..", "dev..x", "sp ace"])
def test_stack_names_hold_only_pulumis_characters(project, tmp_path, capsys, stack):
    refused([str(project), "--stack", stack, "--out", str(tmp_path / "out")], capsys, f"--stack {stack!r}: a stack name is")
    refused(["check", str(project), "--stack", stack], capsys, "a stack name is")
    assert not (tmp_path / "out").exists()


def test_region_must_be_one_botocore_knows(project, tmp_path, capsys):
    refused([str(project), "--region", "mars-1", "--out", str(tmp_path / "out")], capsys, "--region mars-1: not an AWS region")
    refused(["check", str(project), "--region", "mars-1"], capsys, "--region mars-1")
    assert not (tmp_path / "out").exists()


def test_a_project_in_another_runtime_is_bad_input(project, tmp_path, capsys):
    (project / "Pulumi.yaml").write_text("name: tiny\nruntime: nodejs\n")
    refused([str(project), "--out", str(tmp_path / "out")], capsys, "not a Python project (runtime: nodejs)")
    refused(["check", str(project)], capsys, "not a Python project (runtime: nodejs)")
    assert not (tmp_path / "out").exists()


def test_version_and_top_level_help(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0 and capsys.readouterr().out.strip() == f"remediate {version('remediate')}"
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for command in ("remediate check", "remediate batch", "remediate gc", "--force", "(default: ci)", "(default: 8)"):
        assert command in text


def test_the_default_workspace_is_the_users_cache_never_the_current_folder(project, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("REMEDIATE_WORKSPACES")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(project)  # `remediate .`
    before = tree(project)
    assert main([".", "--out", str(tmp_path / "out")]) == 0
    assert tree(project) == before and not (project / "workspaces").exists()
    assert (tmp_path / "cache" / "remediate" / "work").is_dir()


def test_concurrent_runs_whose_outs_end_in_the_same_name_do_not_collide(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from agent.run import RunOptions, remediate

    runs = {}
    for name in ("a", "b"):
        source = tmp_path / name / "proj"
        source.mkdir(parents=True)
        (source / "Pulumi.yaml").write_text("name: tiny\nruntime: python\n")
        (source / "__main__.py").write_text(
            f"import pulumi\n\npulumi.ComponentResource('test:index:Thing', 'thing')\npulumi.export('run', {name!r})\n"
        )
        runs[source] = tmp_path / name / "out"  # both end in "out"
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda item: remediate(item[0], RunOptions(out=item[1])), runs.items()))
    assert [report.summary["status"] for report in reports] == ["clean", "clean"]
    for source, out in runs.items():
        assert (out / "project" / "__main__.py").read_text() == (source / "__main__.py").read_text()
        assert (out / "fix.diff").read_text() == ""


@pytest.mark.parametrize(
    "summary, previous",
    [
        ({"status": "fixed", "attempts": 2}, True),
        ({"cases": [], "counts": {}}, True),  # a batch's OUT
        ({"name": "someone else's"}, False),
        ("not json", False),
    ],
)
def test_a_previous_output_is_known_by_its_summary(tmp_path, summary, previous):
    from agent.out_dir import is_previous_output

    (tmp_path / "summary.json").write_text(summary if isinstance(summary, str) else json.dumps(summary))
    assert is_previous_output(tmp_path) is previous


def test_a_second_run_into_an_out_another_live_run_holds_is_refused_and_changes_nothing(project, tmp_path, capsys):
    from agent.out_dir import claimed

    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text(json.dumps({"status": "clean", "attempts": 1}))
    before = tree(tmp_path)
    with claimed(out):  # the first run, still writing
        refused([str(project), "--out", str(out)], capsys, f"--out {out}:", "another run is writing there")
    assert tree(tmp_path) == before
    with claimed(out):  # and once it ended, OUT is free again
        pass
