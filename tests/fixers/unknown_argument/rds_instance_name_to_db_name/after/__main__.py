from pulumi_aws import ec2, rds

db = rds.Instance("db", db_name="orders", engine="postgres", instance_class="db.t4g.micro")
