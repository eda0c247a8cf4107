import pulumi
import pulumi_aws as aws

aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(protect=False, prevent_destroy=True))
