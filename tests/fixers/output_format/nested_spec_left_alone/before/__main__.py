import pulumi
import pulumi_aws as aws

width = 40
bucket = aws.s3.Bucket("logs")
aws.ssm.Parameter("arn", type="String", value=f"{bucket.arn:>{width}}")
