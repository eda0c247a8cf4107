import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
aws.s3.BucketServerSideEncryptionConfigurationV2(
    "logs",
    bucket=logs.id,
    server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationV2ConfigurationArgs(
        rules=[
            aws.s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
                apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="aws:kms",
                ),
            )
        ]
    ),
)
