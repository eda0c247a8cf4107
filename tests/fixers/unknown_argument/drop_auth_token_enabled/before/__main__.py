import pulumi_aws as aws

redis = aws.elasticache.ReplicationGroup("redis", description="app cache", auth_token_enabled=True, transit_encryption_enabled=True)
