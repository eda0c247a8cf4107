import pulumi_aws as aws
from pulumi_aws.s3 import BucketServerSideEncryptionConfigurationV2RuleArgs, Bucket

bucket = Bucket("data")
rule = BucketServerSideEncryptionConfigurationV2RuleArgs(bucket_key_enabled=True)
enc = aws.s3.BucketServerSideEncryptionConfiguration("data-enc", bucket=bucket.id, rules=[rule])
