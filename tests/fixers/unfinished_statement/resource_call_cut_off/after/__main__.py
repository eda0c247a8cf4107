import pulumi_aws as aws


class Web:
    def __init__(self, subnets):
        self.group = self._group(subnets)

    def _group(self, subnets):
        """The web tier's instances."""
        return aws.autoscaling.Group(
            "web",
            min_size=1,
            max_size=2,
            vpc_zone_identifiers=[subnet.id for subnet in subnets],
        )
