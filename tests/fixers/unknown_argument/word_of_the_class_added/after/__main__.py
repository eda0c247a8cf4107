import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
aws.s3.BucketLifecycleConfiguration(
    "logs-lifecycle",
    bucket=logs.id,
    rules=[
        aws.s3.BucketLifecycleConfigurationRuleArgs(
            id="old-versions",
            status="Enabled",
            noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(noncurrent_days=30),
        )
    ],
)
