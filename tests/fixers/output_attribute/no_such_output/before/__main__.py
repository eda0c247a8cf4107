import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
pulumi.export("name", bucket.id.nam)
