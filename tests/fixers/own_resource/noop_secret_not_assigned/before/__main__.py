import pulumi_aws as aws

# nothing names the secret, so no rotation resource can point at it
aws.secretsmanager.Secret("db-password", rotation_rules={"automatically_after_days": 30})
