import random

import pulumi
import pulumi_aws as aws
import pulumi_random

password = pulumi_random.RandomPassword(
    f"db-password-{random.randint(1, 9)}",
    length=24,
    override_special="!#$%&*()-_=+[]{}<>:?",
    special=True,
    opts=pulumi.ResourceOptions(protect=True),
)
