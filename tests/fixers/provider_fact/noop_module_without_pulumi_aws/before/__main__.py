import pulumi

pulumi.export("account", pulumi.Config("aws").require("account_id"))
