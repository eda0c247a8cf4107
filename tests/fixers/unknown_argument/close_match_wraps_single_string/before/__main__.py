import pulumi_aws as aws

subnet = aws.ec2.Subnet("data", vpc_id="vpc-0123", cidr_block="10.0.1.0/24")
group = aws.rds.SubnetGroup("data", subnet_id=subnet.id)
named = aws.rds.SubnetGroup("legacy", subnet_id="subnet-0abc")
listed = aws.rds.SubnetGroup("listed", subnet_id=subnet_list)
