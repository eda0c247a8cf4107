import pulumi
import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
data = aws.s3.Bucket("data", tags={"team": "data"}, opts=pulumi.ResourceOptions(depends_on=[logs]))
