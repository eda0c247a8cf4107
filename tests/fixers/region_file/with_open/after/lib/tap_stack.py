"""The TAP stack."""
from pulumi import ComponentResource
import pulumi_aws as aws
import pulumi

# The region the stack deploys to.
region = pulumi.Config("aws").get("region") or "us-east-1"


class TapStack(ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        self.provider = aws.Provider("aws", region=region, opts=self._child())

    def _child(self):
        from pulumi import ResourceOptions
        return ResourceOptions(parent=self)
