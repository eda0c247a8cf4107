import pulumi_aws as aws

bucket = aws.s3.Bucket("code")
RUNTIME = aws.lambda_.Runtime.PYTHON4_0
