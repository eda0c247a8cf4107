import pulumi

from lib.network import create_network

config = pulumi.Config()
suffix = config.get("environmentSuffix") or "dev"

create_network(suffix)
