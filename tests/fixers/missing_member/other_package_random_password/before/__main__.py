import random

import pulumi
import pulumi_aws as aws

password = aws.secretsmanager.RandomPassword(
    f"db-password-{random.randint(1, 9)}",
    password_length=24,
    exclude_characters="\"@/\\",
    exclude_punctuation=False,
    opts=pulumi.ResourceOptions(protect=True),
)
