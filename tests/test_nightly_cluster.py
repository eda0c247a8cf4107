"""`remediate batch --scheduler`: the cases on a Dask cluster (a LocalCluster here) end as they do
locally, and an address where no scheduler answers is bad input."""

from __future__ import annotations

import pytest

from agent.arguments import UsageError
from agent.batch import run_batch
from agent.nightly.options import Nightly
from agent.run import RunOptions

distributed = pytest.importorskip("distributed")


@pytest.fixture
def cases(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(tmp_path / "workspaces"))
    root = tmp_path / "cases"
    (root / "node-app").mkdir(parents=True)  # refused before any engine runs: fast
    (root / "node-app" / "Pulumi.yaml").write_text("name: node-app\nruntime: nodejs\n")
    return root


def _outcomes(data):
    return {entry["case"]: (entry["status"], entry["attempts"], entry["fixes"], entry["error"]) for entry in data["cases"]}


def test_a_batch_on_a_dask_cluster_ends_as_it_does_locally(cases, tmp_path):
    local = run_batch([cases], tmp_path / "local", RunOptions(), nightly=Nightly(db=tmp_path / "h.db", pool="cold"))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        remote = run_batch(
            [cases], tmp_path / "remote", RunOptions(), nightly=Nightly(db=tmp_path / "h.db", scheduler=cluster.scheduler_address)
        )
    assert _outcomes(remote) == _outcomes(local)
    assert _outcomes(local)["node-app"][0] == "error" and "not a Python project (runtime: nodejs)" in _outcomes(local)["node-app"][3]


def test_no_scheduler_at_the_address_is_bad_input(cases, tmp_path, monkeypatch):
    monkeypatch.setattr("agent.nightly.cluster.CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UsageError, match="no Dask scheduler answered"):
        run_batch([cases], tmp_path / "out", RunOptions(), nightly=Nightly(db=tmp_path / "h.db", scheduler="tcp://127.0.0.1:9"))
