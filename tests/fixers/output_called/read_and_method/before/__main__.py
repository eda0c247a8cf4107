import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
pulumi.export("arn", bucket.arn())
pulumi.export("suffix", vpc.id.split("-")[1])
