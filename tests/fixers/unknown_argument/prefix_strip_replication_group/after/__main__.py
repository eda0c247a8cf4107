from pulumi_aws.elasticache import ReplicationGroup

redis = ReplicationGroup(
    "redis",
    description="app cache",
    node_type="cache.t4g.micro",
    num_cache_clusters=1,
)
