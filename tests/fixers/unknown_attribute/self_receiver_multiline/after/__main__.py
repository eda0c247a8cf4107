import pulumi
from pulumi_aws import elasticache, rds


class Storage(pulumi.ComponentResource):
    def __init__(self, name):
        super().__init__("app:Storage", name)
        self.cache = elasticache.ServerlessCache(f"{name}-cache", engine="valkey", opts=pulumi.ResourceOptions(parent=self))
        self.db = rds.Cluster(f"{name}-db", engine="aurora-postgresql", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({
            "cache": self.cache.endpoints,
            "db": self.db.endpoint,
        })
        self.endpoint = self.cache.endpoints


Storage("storage")
