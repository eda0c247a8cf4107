"""The TAP stack component."""
import pulumi
import pulumi_aws as aws


class TapStackArgs:
    def __init__(self, environment_suffix):
        self.environment_suffix = environment_suffix


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        bucket = aws.s3.Bucket(f"data-{args.environment_suffix}", opts=pulumi.ResourceOptions(parent=self))
        self.bucket_name = bucket.bucket
        self.register_outputs({"bucket_name": self.bucket_name})


# Create the stack
stack = TapStack("TapStack-dev", TapStackArgs(environment_suffix="dev"))
pulumi.export("bucket_name", stack.bucket_name)
