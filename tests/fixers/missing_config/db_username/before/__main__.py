import database  # noqa: F401
