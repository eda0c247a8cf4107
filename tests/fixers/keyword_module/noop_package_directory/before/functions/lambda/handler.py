HANDLER = "handler.main"
