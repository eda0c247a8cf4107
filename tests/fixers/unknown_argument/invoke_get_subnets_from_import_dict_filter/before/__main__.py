import network  # noqa: F401
