import pulumi_aws as aws
import pulumi_random as random

# the AUTH token Redis clients present
token = random.RandomPassword("redis-token", length=32, special=True)

cache = aws.elasticache.ReplicationGroup(
    "sessions",
    description="session store",
    node_type="cache.t3.micro",
    num_cache_clusters=1,
    transit_encryption_enabled=True,
    auth_token=token.result,
)
