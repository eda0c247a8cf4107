import pulumi
import pulumi_aws as aws

bastion = aws.ec2.Instance("bastion", ami="ami-0123456789abcdef0", instance_type="t3.micro")  # an Instance of another service
db = aws.rds.Instance("orders", engine="postgres", instance_class="db.t4g.micro", allocated_storage=20, db_name="orders")
pulumi.export("database", db.db_name)
