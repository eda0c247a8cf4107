import pulumi
import pulumi_aws as aws


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        aws.s3.Bucket("data", opts=pulumi.ResourceOptions(parent=self))


stack = TapStack("tap")
