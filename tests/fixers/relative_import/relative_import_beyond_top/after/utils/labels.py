def labels():
    return {"team": "orders"}
