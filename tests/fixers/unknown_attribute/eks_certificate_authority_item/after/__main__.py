import pulumi
import pulumi_aws as aws

cluster = aws.eks.Cluster("apps", role_arn="arn:aws:iam::123456789012:role/eks", vpc_config={"subnet_ids": ["subnet-1", "subnet-2"]})
pulumi.export("ca_data", cluster.certificate_authority.data)
