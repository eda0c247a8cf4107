"""`remediate batch` and candidate folders through `remediate`: cases in tmp, the local engine."""

import json
from pathlib import Path

import pytest

from agent.batch import NOT_A_CASE
from agent.cli import main

STACK = """import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix=None):
        self.environment_suffix = environment_suffix or "dev"


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        aws.elasticache.ReplicationGroup(
            f"sessions-{args.environment_suffix}",
            description="session store",
            node_type="cache.t3.micro",
            number_cache_clusters=1,
            opts=pulumi.ResourceOptions(parent=self),
        )
        token = aws.secretsmanager.Secret("api-token", opts=pulumi.ResourceOptions(parent=self))
        aws.secretsmanager.SecretVersion(
            "api-token-value",
            secret_id=token.id,
            secret_string=pulumi.Config().require_secret("apiToken"),
            opts=pulumi.ResourceOptions(parent=self),
        )
"""


@pytest.fixture(autouse=True)
def isolated_workspaces(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def cases(tmp_path) -> Path:
    root = tmp_path / "cases"
    fixable = root / "fixable"
    fixable.mkdir(parents=True)
    (fixable / "MODEL_RESPONSE.md").write_text(
        f"## File: lib/tap_stack.py\n\n```python\n{STACK}```\n\nDeploy:\n\n```bash\npulumi up\n```\n"
    )
    (fixable / "Pulumi.yaml").write_text("name: TapStack\nruntime:\n  name: python\nmain: tap.py\n")
    no_code = root / "no-code"
    no_code.mkdir()
    (no_code / "MODEL_RESPONSE.md").write_text("# Summary\n\nThe stack is described above.\n")
    broken = root / "broken"
    broken.mkdir()
    (broken / "Pulumi.yaml").write_text("name: broken\nruntime: python\n")
    (broken / "__main__.py").write_text('import pulumi\n\nraise RuntimeError("the program gave up")\n')
    (root / "notes.txt").write_text("not a case\n")
    (root / "drafts").mkdir()
    (root / "drafts" / "idea.md").write_text("not a case either\n")
    return root


def test_batch_runs_every_case_and_writes_the_summary(cases, tmp_path, capsys):
    before = tree(cases)
    out = tmp_path / "out"
    assert main(["batch", str(cases), "--out", str(out), "--workers", "2"]) == 0
    data = json.loads((out / "summary.json").read_text())
    by_case = {entry["case"]: entry for entry in data["cases"]}
    assert list(by_case) == ["broken", "fixable", "no-code"]

    fixed = by_case["fixable"]
    assert (
        fixed["status"] == "fixed" and fixed["fixes"] == ["RM001"] and fixed["attempts"] == 1
    )  # the preflight fixes it before the first run
    assert fixed["remaining_error"] is None and fixed["error"] is None and fixed["duration_s"] > 0
    assert fixed["supplied_secrets"] == ["TapStack:apiToken"]  # set on the ephemeral stack, not in the project
    assert by_case["broken"]["status"] == "failed"
    assert "the program gave up" in by_case["broken"]["remaining_error"]["message"]
    assert by_case["no-code"]["status"] == "no_code" and by_case["no-code"]["error"] is None  # an outcome, not an intake error

    assert data["counts"]["by_status"] == {"fixed": 1, "failed": 1, "no_code": 1}
    assert data["counts"]["by_fixer"] == {"RM001": 1}
    assert sum(data["counts"]["by_error_kind"].values()) == 1
    assert data["duration_s"] > 0

    # each case has the layout of a single run; the materialized input is kept, the fix is in project/
    assert {"summary.json", "report.md", "fix.diff", "fixlog.jsonl"} <= {p.name for p in (out / "fixable").iterdir()}
    assert "number_cache_clusters" in (out / "fixable/input-project/lib/tap_stack.py").read_text()
    fixed_source = (out / "fixable/project/lib/tap_stack.py").read_text()
    assert "number_cache_clusters" not in fixed_source and "num_cache_clusters=1" in fixed_source
    assert (out / "fixable/project/tap.py").is_file()
    assert "tap.py scaffolded from config/scaffold/" in (out / "fixable/report.md").read_text()  # the setup is reported
    assert json.loads((out / "broken/summary.json").read_text())["status"] == "failed"
    assert tree(cases) == before, "case folders must not change"
    assert data["skipped"] == [{"folder": str(cases / "drafts"), "why": NOT_A_CASE}]  # every folder is accounted for
    err = capsys.readouterr().err
    assert "3 case(s), 1 folder(s) skipped" in err
    assert f"skipped {cases / 'drafts'}: neither a candidate-response folder" in err.replace("\n", " ")


def test_batch_out_follows_the_rules_of_a_single_run(cases, tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("the user's\n")
    before = tree(tmp_path)
    assert main(["batch", str(cases), "--out", str(cases / "out"), "--force"]) == 2
    assert "a folder inside it" in capsys.readouterr().err
    assert main(["batch", str(cases), "--out", str(tmp_path), "--force"]) == 2
    assert "holds the input" in capsys.readouterr().err
    assert main(["batch", str(cases), "--out", str(tmp_path / "mine")]) == 2
    assert "not empty and not a previous run's output" in capsys.readouterr().err
    assert main(["batch", str(cases), "--stack", "../x", "--out", str(tmp_path / "o")]) == 2
    assert main(["batch", str(cases), "--region", "mars-1", "--out", str(tmp_path / "o")]) == 2
    assert "--region mars-1" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_bad_dir_exits_2(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "not a directory" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "no case folders" in capsys.readouterr().err


def test_single_run_on_a_candidate_folder_and_write_is_refused(cases, tmp_path, capsys):
    before = tree(cases / "fixable")
    out = tmp_path / "single"
    assert main([str(cases / "fixable"), "--out", str(out)]) == 0
    assert json.loads((out / "summary.json").read_text())["status"] == "fixed"
    assert (out / "input-project/tap.py").is_file()
    assert main([str(cases / "fixable"), "--write", "--out", str(tmp_path / "w")]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--write is not supported for candidate-response folders" in err
    assert tree(cases / "fixable") == before
