import pulumi
import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache("cache", engine="valkey")
pulumi.export("reader", cache.reader_endpoints)
