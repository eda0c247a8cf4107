import pulumi
import pulumi_aws as aws

east = aws.Provider("aws-us-east-1", region="us-east-1")
aws.s3.Bucket("a", opts=pulumi.ResourceOptions(provider=east))
aws.s3.Bucket("b", opts=pulumi.ResourceOptions(provider=aws.Provider("aws-us-east-1", region="us-east-1", opts=pulumi.ResourceOptions(protect=True))))
