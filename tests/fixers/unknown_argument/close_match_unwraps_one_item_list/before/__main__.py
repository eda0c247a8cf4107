import pulumi_aws as aws

bucket = aws.s3.Bucket(
    "logs",
    server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationArgs(
        rules=[
            aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(bucket_key_enabled=True),
        ],
    ),
)
