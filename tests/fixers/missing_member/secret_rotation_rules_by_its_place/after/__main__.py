import pulumi_aws as aws

secret = aws.secretsmanager.Secret("db")
rotation = aws.secretsmanager.SecretRotation(
    "db-rotation",
    secret_id=secret.id,
    rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(automatically_after_days=30),
)
