import json

import pulumi_aws as aws

DB_USER = "dbadmin"  # shared with the app
GROUP = "admin"

secret = aws.secretsmanager.Secret("orders-db")
aws.secretsmanager.SecretVersion(
    "orders-db",
    secret_id=secret.id,
    secret_string=json.dumps({"username": "dbadmin", "password": "change-me", "role": "admin"}),
)

aws.rds.Cluster(
    "orders",
    cluster_identifier="orders-db",
    engine="aurora-postgresql",
    master_username=DB_USER,
    master_password="change-me",
)

aws.iam.Group("admins", name=GROUP)
