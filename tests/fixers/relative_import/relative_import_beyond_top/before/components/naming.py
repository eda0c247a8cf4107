def full(name):
    return f"app-{name}"
