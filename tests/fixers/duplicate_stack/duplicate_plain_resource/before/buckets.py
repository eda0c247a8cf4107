import pulumi_aws as aws

archive = aws.s3.Bucket("logs")
