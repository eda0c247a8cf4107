import pulumi
import pulumi_aws as aws

node_type = pulumi.Config().get("nodeType") or "cache.t1.micro"
aws.elasticache.Cluster("sessions", engine="redis", node_type=node_type, num_cache_nodes=1)
