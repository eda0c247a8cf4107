import pulumi
import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache("cache", engine="redis", name="cache")
pulumi.export("endpoint", cache.endpoint)
