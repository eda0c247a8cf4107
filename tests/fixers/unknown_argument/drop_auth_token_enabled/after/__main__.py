import pulumi_aws as aws

redis = aws.elasticache.ReplicationGroup("redis", description="app cache", transit_encryption_enabled=True)
