import pulumi_aws as aws

# written for pulumi-aws 5, which called the description replication_group_description
cache = aws.elasticache.ReplicationGroup(
    "sessions",
    replication_group_description="session cache",
    node_type="cache.t3.micro",
    num_cache_clusters=2,
)
