import pulumi

domain = pulumi.Config().require("domainName")
