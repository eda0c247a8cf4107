"""The local engine tells its runner which provider services to import before it forks a phase."""

from agent.core.project import Project
from agent.engines.local.engine import services_named


def test_services_are_read_from_every_import_style_and_files_that_do_not_parse_are_skipped(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_aws as aws\nimport pulumi_aws.ec2 as network\nfrom pulumi_aws import iam\n\naws.s3.Bucket('b')\n"
    )
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "db.py").write_text("from pulumi_aws.rds import Cluster\nimport pulumi\nother = pulumi.Config()\n")
    (tmp_path / "lib" / "broken.py").write_text("import pulumi_aws as aws\naws.dynamodb.Table(\n")
    (tmp_path / "lib" / "local.py").write_text("from .pulumi_aws import lambda_\nimport boto3\nboto3.sqs = None\n")
    assert services_named(Project.open(tmp_path)) == {"s3", "ec2", "iam", "rds"}
