import pulumi

region = pulumi.Config("aws").require("region")
