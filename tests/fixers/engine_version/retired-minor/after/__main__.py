import pulumi
import pulumi_aws as aws

from settings import DB

config = pulumi.Config()

cluster = aws.rds.Cluster(
    "orders",
    cluster_identifier="orders-db",
    engine="aurora-postgresql",
    engine_version="15.10",  # the team's tested minor
    master_username="dbadmin",
    master_password=config.require_secret("dbPassword"),
)

aws.rds.ClusterInstance(
    "orders-1",
    cluster_identifier=cluster.id,
    instance_class="db.r6g.large",
    engine=cluster.engine,
    engine_version=DB["version"],
)
