import json

import pulumi_aws as aws

USERNAME = "admin"

secret = aws.secretsmanager.Secret("db-credentials")
aws.secretsmanager.SecretVersion(
    "db-credentials",
    secret_id=secret.id,
    secret_string=json.dumps({"username": USERNAME, "password": "change-me-please-1"}),
)
aws.rds.Cluster(
    "reporting",
    engine="aurora-postgresql",
    master_username=USERNAME,
    master_password="change-me-please-1",
    skip_final_snapshot=True,
)
