import pulumi_aws as aws

redis = aws.elasticache.ReplicationGroup("redis", description="app cache", num_cache_clusters=2)
