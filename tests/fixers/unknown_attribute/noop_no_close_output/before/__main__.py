import pulumi
import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache("cache", engine="valkey")
pulumi.export("cache", cache.connection_string)
