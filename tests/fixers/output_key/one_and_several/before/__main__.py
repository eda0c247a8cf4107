import pulumi
import pulumi_aws as aws

source = aws.s3.Bucket("source")
target = aws.s3.Bucket("target")
aws.s3.Bucket("copy", tags={source.id: "origin", "Team": "shop"})
pulumi.export("pairs", {source.id: target.arn, target.id: source.arn})
