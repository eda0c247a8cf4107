import pulumi
import pulumi_aws as aws

source = aws.s3.Bucket("source")
target = aws.s3.Bucket("target")
aws.s3.Bucket("copy", tags=source.id.apply(lambda key: {key: "origin", "Team": "shop"}))
pulumi.export("pairs", pulumi.Output.all(source.id, target.id).apply(lambda keys: {keys[0]: target.arn, keys[1]: source.arn}))
