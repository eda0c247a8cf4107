import pulumi_aws as aws

cache = aws.elasticache.ServerlessCache("cache", engine="valkey")
db = aws.rds.Cluster("db", engine="aurora-postgresql", master_username="app", master_password="change-me-123")
