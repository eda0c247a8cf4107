import pulumi_aws as aws

logs = aws.s3.Bucket("logs", block_public_acls=True, block_public_policy=True)
aws.s3.BucketPublicAccessBlock("logs-block", bucket=logs.id, block_public_acls=True, block_public_policy=True)
