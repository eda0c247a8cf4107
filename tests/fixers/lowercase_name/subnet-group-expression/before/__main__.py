import pulumi_aws as aws

from naming import PREFIX

aws.elasticache.SubnetGroup("cache-subnets", name=PREFIX + "-Cache", subnet_ids=["subnet-1"])
aws.rds.SubnetGroup("db-subnets", name=PREFIX + "-Db", subnet_ids=["subnet-1", "subnet-2"])
