import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache(
    "cache",
    engine="valkey",
    cache_usage_limits=aws.elasticache.ServerlessCacheCacheUsageLimitsArgs(
        ecpu_per_second=[aws.elasticache.ServerlessCacheCacheUsageLimitsEcpuPerSecondArgs(maximum=5000)],
    ),
)
