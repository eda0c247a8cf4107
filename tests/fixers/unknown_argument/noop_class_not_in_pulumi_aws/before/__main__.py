import pulumi_aws as aws


class CacheSettings:
    def __init__(self, name):
        self.name = name


settings = CacheSettings(serverless_cache_name="sessions")
cache = aws.elasticache.ServerlessCache("sessions", name=settings.name, engine="valkey")
