"""summary.json's cloud_attempts counts the real engine's runs, not the loop's attempts: a rerun
with a generated test secret (or a transient retry) is one more deploy against the cloud."""

from __future__ import annotations

import json

from agent import run
from agent.core.classify import to_deploy_error
from agent.engines.base import RunResult
from agent.engines.local import engine as local_engine

BUCKET = [{"type": "aws:s3/bucket:Bucket", "name": "data"}]


class Cloud:
    name = "pulumi"
    account_id = None

    def __init__(self):
        self.runs = 0

    def warm_up(self, project=None):
        pass

    def run(self, project, stack, preview_only=False):
        self.runs += 1
        if not stack.secrets:
            missing = "Missing required configuration variable 'app:dbPassword'"
            return RunResult(ok=False, phase="preview", errors=[to_deploy_error(missing, raw=missing)])
        return RunResult(ok=True, phase="up", resources=BUCKET)

    def remove_stack(self, project, stack):
        pass


class CleanLocal(Cloud):
    """The local loop that runs first: clean at once."""

    name = "local"

    def __init__(self, **kwargs):
        super().__init__()

    def run(self, project, stack, preview_only=False):
        return RunResult(ok=True, phase="up", resources=BUCKET)


def test_cloud_attempts_counts_each_real_run(tmp_path, monkeypatch):
    root = tmp_path / "app"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: app\nruntime: python\n")
    (root / "__main__.py").write_text("import pulumi\n")
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    cloud = Cloud()
    monkeypatch.setattr(run, "make_engine", lambda *args, **kwargs: (cloud, "requested"))
    monkeypatch.setattr(local_engine, "LocalEngine", CleanLocal)

    report = run.remediate(root, run.RunOptions(engine="pulumi", out=tmp_path / "out"))

    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert report.outcome.status.value == "clean"
    assert cloud.runs == 2 and summary["cloud_attempts"] == 2  # one attempt of the loop, two deploys
