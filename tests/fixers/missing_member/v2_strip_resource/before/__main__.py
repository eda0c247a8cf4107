import pulumi_aws as aws
from pulumi_aws import s3

bucket = aws.s3.Bucket("data")
# default encryption for the data bucket
enc = aws.s3.BucketServerSideEncryptionConfigurationV2(
    "data-enc",
    bucket=bucket.id,
    rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(sse_algorithm="AES256"),
    )],
)
logs_bucket = s3.Bucket("logs")
logs_enc = s3.BucketServerSideEncryptionConfigurationV2("logs-enc", bucket=logs_bucket.id)
