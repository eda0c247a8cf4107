import pulumi

expires = datetime.now() + datetime.timedelta(days=30)
pulumi.export("expires", expires.isoformat())
