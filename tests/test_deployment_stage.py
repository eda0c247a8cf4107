"""RM020 in the loop: it wins over RM001's plain drop, so the fixed API keeps its stage."""

from pathlib import Path

from agent.run import RunOptions, remediate

PROGRAM = """\
import pulumi
import pulumi_aws as aws

api = aws.apigateway.RestApi("api")
resource = aws.apigateway.Resource("items", rest_api=api.id, parent_id=api.root_resource_id, path_part="items")
method = aws.apigateway.Method("get", rest_api=api.id, resource_id=resource.id, http_method="GET", authorization="NONE")
integration = aws.apigateway.Integration(
    "mock", rest_api=api.id, resource_id=resource.id, http_method=method.http_method, type="MOCK"
)
deployment = aws.apigateway.Deployment(
    "deployment",
    rest_api=api.id,
    stage_name="prod",
    opts=pulumi.ResourceOptions(depends_on=[integration]),
)
pulumi.export("url", deployment.invoke_url)
"""


def test_the_stage_survives_the_v7_migration(tmp_path: Path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Pulumi.yaml").write_text("name: api\nruntime: python\n")
    (tmp_path / "api" / "__main__.py").write_text(PROGRAM)
    report = remediate(tmp_path / "api", RunOptions(out=tmp_path / "out"))
    assert report.summary["status"] == "fixed", report.summary["remaining_error"]
    assert [f["fixer"] for f in report.summary["fixes"]] == ["RM020"]
    types = {r["type"] for r in report.outcome.last_result.resources}
    assert "aws:apigateway/stage:Stage" in types
    fixed = (tmp_path / "out" / "project" / "__main__.py").read_text()
    assert 'pulumi.export("url", deployment_stage.invoke_url)' in fixed
