import pulumi
import pulumi_aws as aws

config = pulumi.Config()
cache = aws.elasticache.ReplicationGroup(
    "sessions",
    description="session store",
    node_type="cache.t3.micro",
    num_cache_clusters=1,
    transit_encryption_enabled=True,
    auth_token=config.require_secret("redisToken"),
)
