from pulumi_aws import elasticache

jobs = elasticache.ServerlessCache("jobs", serverless_cache_name="jobs", engine="redis")
