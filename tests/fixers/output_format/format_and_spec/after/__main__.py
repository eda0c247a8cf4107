import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
aws.ssm.Parameter("arn", type="String", value=pulumi.Output.format("arn is {}", bucket.arn))
aws.ssm.Parameter("quoted", type="String", value=pulumi.Output.format("{0!r} in {{braces}} {1:>8}", bucket.arn, pulumi.get_stack()))
