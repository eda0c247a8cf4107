def tags(env):
    return {"Environment": env}
