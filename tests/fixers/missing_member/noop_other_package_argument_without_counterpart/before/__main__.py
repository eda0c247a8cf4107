from pulumi_aws import secretsmanager

token = secretsmanager.RandomPassword("token", length=32, exclude_characters="0OIl", require_each_included_type=True)
