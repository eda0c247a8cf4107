from pulumi_random import RandomPassword


class Secrets:
    def __init__(self):
        self.db_password = RandomPassword(
            "db-password",
            length=24,
            override_special="@#%",  # '@' is refused by RDS
        )
