import pulumi
import pulumi_aws as aws


class Network:
    def __init__(self, name: str) -> None:
        self.vpc = aws.ec2.Vpc(name, cidr_block="10.0.0.0/16")
        self.subnets = [
            aws.ec2.Subnet(f"{name}-{i}", vpc_id=self.vpc.id, cidr_block=f"10.0.{i}.0/24")
            for i in range(2)
        ]
        self.gateway = aws.ec2.InternetGateway(
            f"{name}-igw",
            vpc_id=self.vpc.id,
            opts=pulumi.ResourceOptions(depends_on=[self.vpc, self.subnets, self._routes(name)]),
        )

    def _routes(self, name: str):
        table = aws.ec2.RouteTable(f"{name}-rt", vpc_id=self.vpc.id)
        return [table]
