import pulumi_aws as aws

group = aws.elasticache.ReplicationGroup(
    "sessions",
    description="session store",
    engine="redis",
    node_type="cache.t4g.micro",
    number_cache_clusters=1,
)
