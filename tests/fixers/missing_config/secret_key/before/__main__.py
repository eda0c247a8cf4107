import pulumi

password = pulumi.Config().require_secret("dbPassword")
