import pulumi_aws as aws

data = aws.s3.Bucket("data", version="2")
