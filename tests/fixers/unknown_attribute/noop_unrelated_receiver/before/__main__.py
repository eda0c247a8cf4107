import pulumi
import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache("cache", engine="valkey")
db = aws.rds.Cluster("db", engine="aurora-postgresql")
pulumi.export("db", db.endpoint)
