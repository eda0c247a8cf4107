"""The TAP stack."""
from pulumi import ComponentResource
import pulumi_aws as aws

# The region the stack deploys to.
with open('lib/AWS_REGION', 'r') as f:
    region = f.read().strip()


class TapStack(ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        self.provider = aws.Provider("aws", region=region, opts=self._child())

    def _child(self):
        from pulumi import ResourceOptions
        return ResourceOptions(parent=self)
