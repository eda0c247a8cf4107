import pulumi_aws as aws

aws.rds.Instance(
    "reporting",
    identifier="reporting",
    engine="postgres",
    engine_version="15.4",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username="dbowner",
    password="change-me-please-1",
    skip_final_snapshot=True,
)
