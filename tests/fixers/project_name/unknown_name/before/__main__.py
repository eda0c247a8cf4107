import pulumi

pulumi.export("region", REGION_CODE)
