import pulumi_aws as aws
from pulumi import ResourceOptions

shared = ResourceOptions(retain_on_delete=True)
data = aws.s3.Bucket("data", opts=shared, protect=True)
