import pulumi

from app import settings
from app.data import cache, db

pulumi.export("cache_endpoint", cache.endpoint)
pulumi.export("db_endpoint", db.endpoint)
settings.publish(cache.endpoint)
