import pulumi_aws as aws

base = "10.2"
vpc = aws.ec2.Vpc("main", cidr_block=f"{base}.0.0/16")
for i in range(2):
    aws.ec2.Subnet(f"public-{i}", vpc_id=vpc.id, cidr_block=f"{base}.{i}.0.0/24")
