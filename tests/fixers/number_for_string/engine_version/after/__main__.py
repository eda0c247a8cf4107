import pulumi_aws as aws

db = aws.rds.Instance(
    "db",
    engine="mysql",
    engine_version="8.0",
    instance_class="db.t3.micro",
    allocated_storage=20,
    tags={"Team": "shop"},
)
