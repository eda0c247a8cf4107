from app.data import cache, db


def publish(value):
    return {"cache": cache.endpoints, "db": db.endpoint, "value": value}
