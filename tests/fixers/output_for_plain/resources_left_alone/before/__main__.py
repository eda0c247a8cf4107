import pulumi
import pulumi_aws as aws

east = aws.Provider("east", region="us-east-1")
vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
logs = aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(provider=east, depends_on=[vpc]))
subnets = aws.ec2.get_subnets_output(filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[vpc.id])])
