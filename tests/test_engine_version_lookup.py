"""On the real engine, RM003 asks RDS which versions the region offers (stubbed here with botocore's Stubber)."""

import boto3
from botocore.stub import Stubber

from fixers import engine_version


def test_the_pulumi_engine_asks_rds_for_the_offered_versions(monkeypatch):
    client = boto3.client("rds", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x")
    stubber = Stubber(client)
    offered = [{"Engine": "aurora-postgresql", "EngineVersion": v} for v in ("14.9", "15.6", "15.10", "16.4")]
    stubber.add_response("describe_db_engine_versions", {"DBEngineVersions": offered}, {"Engine": "aurora-postgresql"})
    monkeypatch.setattr(boto3, "client", lambda service, region_name: client)
    with stubber:
        lookup = engine_version.lookup_for("pulumi")
        assert lookup("aurora-postgresql", "15.3", "eu-west-1") == "15.6"
    stubber.assert_no_pending_responses()


def test_the_local_engine_uses_the_bundled_catalog():
    assert engine_version.lookup_for("local") is engine_version.nearest_version
