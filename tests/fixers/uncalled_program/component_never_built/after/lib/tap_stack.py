import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix=None):
        self.environment_suffix = environment_suffix or "dev"


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args: TapStackArgs, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        aws.s3.Bucket(f"logs-{args.environment_suffix}", opts=pulumi.ResourceOptions(parent=self))
