import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
pulumi.export("arn", bucket.arn)
config = pulumi.Config()
vpc_id = config.require("vpcId")
web = aws.ec2.SecurityGroup("web", vpc_id=vpc_id)
