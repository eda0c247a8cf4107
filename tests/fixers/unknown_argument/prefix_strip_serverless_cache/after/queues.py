from pulumi_aws import elasticache

jobs = elasticache.ServerlessCache("jobs", name="jobs", engine="redis")
