import pulumi
import pulumi_aws as aws


class Environment(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("custom:infra:Environment", name, None, opts)
        self.bucket = aws.s3.Bucket(f"{name}-data", opts=pulumi.ResourceOptions(parent=self))


class TapStack:
    def __init__(self):
        environment = pulumi.Config().get("environment") or "dev"
        self.env = Environment(f"env-{environment}")
        pulumi.export("bucket", self.env.bucket.bucket)


stack = TapStack()
