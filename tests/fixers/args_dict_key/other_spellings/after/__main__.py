import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
aws.s3.BucketVersioningV2("data", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
web = aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 80, "to_port": 80, "cidr_blocks": ["0.0.0.0/0"]}])
