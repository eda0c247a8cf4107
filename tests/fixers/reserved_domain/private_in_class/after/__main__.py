import pulumi
from pulumi_aws import ec2, route53


class Platform(pulumi.ComponentResource):
    def __init__(self, name: str):
        super().__init__("saas:Platform", name)
        self.vpc = ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        self._create_dns()

    def _create_dns(self):
        # Main platform hosted zone
        self.zone = route53.Zone("main-zone",
            name="saas-platform.example.com",
            comment="Main hosted zone",
            vpcs=[route53.ZoneVpcArgs(vpc_id=self.vpc.id)])


Platform("platform")
