import pulumi_aws as aws

aws.ecs.Cluster("Workers", name="Workers")

aws.rds.Cluster(
    "billing",
    cluster_identifier="billing-db",
    engine="aurora-postgresql",
)

orders = aws.rds.Cluster(
    "orders",
    cluster_identifier="orders-db",  # shown in the console
    engine="aurora-postgresql",
)
