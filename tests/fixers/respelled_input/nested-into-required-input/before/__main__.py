import pulumi_aws as aws

logs = aws.s3.BucketV2("logs")
aws.s3.BucketVersioningV2(
    "logs-versioning",
    bucket=logs.id,
    status="Enabled",  # keep every object version
)
