import pulumi_aws as aws

group = aws.elasticache.ReplicationGroup(
    "sessions",
    replication_group_description="session store",
    engine="redis",
    node_type="cache.t4g.micro",
    num_cache_clusters=1,
)
