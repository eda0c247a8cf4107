from app.data import cache, db


def publish(value):
    return {"cache": cache.endpoint, "db": db.endpoint, "value": value}
