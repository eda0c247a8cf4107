import pulumi
from lib.network import Network

network = Network("net")
pulumi.export("vpc_id", network.vpc_id)
