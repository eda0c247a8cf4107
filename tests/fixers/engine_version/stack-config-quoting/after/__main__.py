import pulumi
import pulumi_aws as aws

config = pulumi.Config()

aws.rds.Instance(
    "reports",
    engine="aurora-postgresql",
    engine_version=config.get("pgVersion") or "16.6",
    instance_class="db.t4g.micro",
    allocated_storage=20,
)
