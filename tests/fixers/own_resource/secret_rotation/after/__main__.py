import pulumi
import pulumi_aws as aws

rotator = aws.lambda_.Function("rotator", role="arn:aws:iam::123456789012:role/r", runtime="python3.12", handler="h.h")

# the database password, rotated monthly
db_secret = aws.secretsmanager.Secret(
    "db-password",
    description="database master password",
    opts=pulumi.ResourceOptions(depends_on=[rotator]),
)
db_secret_rotation = aws.secretsmanager.SecretRotation(
    "db-password-rotation",
    secret_id=db_secret.id,
    rotation_lambda_arn=rotator.arn,
    rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(automatically_after_days=30),
)
