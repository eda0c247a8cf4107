import pulumi
import pulumi_random as random

password = random.RandomPassword("admin", length=20)
pulumi.export("admin_password", password.password)
