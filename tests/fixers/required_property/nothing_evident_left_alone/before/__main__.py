import pulumi_aws as aws

data = aws.s3.Bucket("data")
aws.s3.BucketServerSideEncryptionConfigurationV2("data", bucket=data.id)
