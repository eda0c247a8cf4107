"""A batch goes on whatever a case does: a case process that dies, or runs past --case-timeout,
becomes that case's entry; --resume keeps whole case outputs and reruns half-written ones."""

from __future__ import annotations

import json
from functools import partial

import pytest

from agent import batch
from agent.nightly import options
from agent.nightly.isolation import Stopped, run_isolated
from agent.nightly.options import Nightly, completed
from agent.run import RunOptions
from tests import nightly_work


def test_a_case_process_returns_its_result_dies_or_is_stopped_at_its_timeout(tmp_path):
    assert run_isolated(partial(nightly_work.answer, 42)) == {"value": 42}
    died = run_isolated(nightly_work.die)
    assert isinstance(died, Stopped) and not died.timed_out and "exit code 3" in died.why
    marker = tmp_path / "marker"
    stopped = run_isolated(partial(nightly_work.hang, str(marker)), timeout_s=1.5)
    assert isinstance(stopped, Stopped) and stopped.timed_out and 1.5 <= stopped.duration_s < 20
    assert marker.read_text() == "cleaned up"  # SIGTERM first: the case's finally blocks ran
    assert stopped.remaining_error()["kind"] == "timeout"


@pytest.fixture
def two_cases(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    root = tmp_path / "cases"
    for name in ("done", "half", "slow", "dying"):
        (root / name).mkdir(parents=True)
        (root / name / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    out = tmp_path / "out"
    (out / "done").mkdir(parents=True)
    (out / "done" / "summary.json").write_text(
        json.dumps({"status": "fixed", "attempts": 2, "fixes": [{"fixer": "RM001"}], "duration_s": 3.0})
    )
    (out / "done" / "report.md").write_text("# report\n")
    (out / "half").mkdir()
    (out / "half" / "summary.json").write_text(json.dumps({"status": "fixed", "attempts": 1}))  # no report.md: cut off
    return root, out


def test_resume_keeps_whole_cases_and_reruns_the_rest_and_no_case_stops_the_batch(two_cases, monkeypatch):
    root, out = two_cases
    ran = []

    def fake_run_isolated(work, timeout_s=None):
        case = work.args[0]
        ran.append((case, timeout_s))
        if case == "slow":
            return Stopped("the case ran past --case-timeout 5s and was stopped", True, 5.0)
        if case == "dying":
            return Stopped("the case process died (exit code -9)", False, 0.2)
        return {**batch.case_entry(case, {"status": "clean", "attempts": 1}, 1.0)}

    monkeypatch.setattr(options, "run_isolated", fake_run_isolated)
    assert completed(out, "done") and completed(out, "half") is None
    data = batch.run_batch(
        [root], out, RunOptions(), workers=2, nightly=Nightly(db=out.parent / "h.db", resume=True, case_timeout_s=5, pool="cold")
    )
    assert sorted(ran) == [("dying", 5), ("half", 5), ("slow", 5)]  # "done" was kept
    by_case = {entry["case"]: entry for entry in data["cases"]}
    assert (by_case["done"]["status"], by_case["done"]["fixes"], by_case["done"]["attempts"]) == ("fixed", ["RM001"], 2)
    assert by_case["slow"]["status"] == "failed" and by_case["slow"]["remaining_error"]["kind"] == "timeout"
    assert by_case["dying"]["status"] == "error" and "exit code -9" in by_case["dying"]["error"]
    assert data["counts"]["by_error_kind"] == {"timeout": 1}
    for name in ("summary.json", "junit.xml", "results.sarif", "index.html"):
        assert (out / name).is_file()
    assert (out.parent / "h.db").is_file()


def test_case_timeout_must_be_positive(tmp_path, capsys):
    from agent.cli import main

    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--case-timeout", "0"]) == 2
    assert "--case-timeout 0: must be a positive number of seconds" in capsys.readouterr().err


def test_the_warm_pool_forks_a_fresh_child_per_run_and_stops_it_the_same_way(tmp_path):
    from agent.nightly.warm_pool import WarmPool

    with WarmPool(1, warm=nightly_work.nothing) as pool:  # the batch tests run it with the real warm-up
        first, second = pool.run_isolated(nightly_work.count_runs), pool.run_isolated(nightly_work.count_runs)
        assert first["runs"] == second["runs"] == 1 and first["pid"] != second["pid"]
        died = pool.run_isolated(nightly_work.die)
        assert isinstance(died, Stopped) and "exit code 3" in died.why
        marker = tmp_path / "marker"
        stopped = pool.run_isolated(partial(nightly_work.hang, str(marker)), timeout_s=1.5)
        assert isinstance(stopped, Stopped) and stopped.timed_out and marker.read_text() == "cleaned up"
        assert pool.run_isolated(partial(nightly_work.answer, 7)) == {"value": 7}  # the worker goes on
