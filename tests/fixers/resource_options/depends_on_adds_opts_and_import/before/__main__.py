import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
data = aws.s3.Bucket("data", depends_on=[logs], tags={"team": "data"})
