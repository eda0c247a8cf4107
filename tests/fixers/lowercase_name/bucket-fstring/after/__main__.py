import pulumi
from pulumi_aws import s3

stack = pulumi.get_stack()

assets = s3.BucketV2("assets", bucket=f"shop-assets-{stack}")
logs = s3.BucketV2("logs", bucket=f"shop-logs-{stack}")
