import pulumi


class TapStackArgs:
    def __init__(self, environment_suffix):
        self.environment_suffix = environment_suffix


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        self.bucket = f"bucket-{args.environment_suffix}"
