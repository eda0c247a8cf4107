import pulumi

pulumi.export("policy", json.dumps({"Version": "2012-10-17"}))
