from pulumi_aws import ec2

peering = ec2.VpcPeeringConnection("peer", vpc_id="vpc-1", peer_vpc_id="vpc-2", auto_accept=True)
options = ec2.PeeringConnectionOptions(
    "peer-options",
    vpc_peering_connection_id=peering.id,
    requester=ec2.PeeringConnectionOptionsRequesterArgs(allow_remote_vpc_dns_resolution=True),
)
