import pulumi
import pulumi_aws as aws


class Cache(pulumi.ComponentResource):
    def __init__(self, name: str):
        super().__init__("shop:Cache", name)
        self.redis = aws.elasticache.ReplicationGroup(
            f"{name}-redis",
            description="cache",
            node_type="cache.t3.micro",
            num_cache_clusters=2,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({
            "redis_endpoint": self.redis.cache_nodes[0].address,
            "redis_port": self.redis.cache_nodes[0].port,
        })


Cache("shop")
