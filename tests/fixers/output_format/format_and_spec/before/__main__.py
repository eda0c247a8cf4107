import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
aws.ssm.Parameter("arn", type="String", value="arn is {}".format(bucket.arn))
aws.ssm.Parameter("quoted", type="String", value=f"{bucket.arn!r} in {{braces}} {pulumi.get_stack():>8}")
