import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix: str = "dev", tags: dict | None = None):
        self.environment_suffix = environment_suffix
        self.tags = tags or {}


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        aws.s3.Bucket(f"logs-{args.environment_suffix}", opts=pulumi.ResourceOptions(parent=self))
