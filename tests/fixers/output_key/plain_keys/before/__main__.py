import pulumi
import pulumi_aws as aws

source = aws.s3.Bucket("source")
key = "origin"
aws.s3.Bucket("copy", tags={key: source.id, "Team": "shop"})
