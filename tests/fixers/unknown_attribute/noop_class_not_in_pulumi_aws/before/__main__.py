import pulumi
import pulumi_aws as aws


class Cache:
    endpoints = ["localhost:6379"]


cache = Cache()
pulumi.export("cache", cache.endpoint)
db = aws.rds.Cluster("db", engine="aurora-postgresql")
