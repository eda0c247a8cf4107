import pulumi_aws as aws

redis = aws.elasticache.ReplicationGroup(
    "redis",
    description="app cache",
    node_type="cache.t4g.micro",
    number_cache_clusters=2,
)
