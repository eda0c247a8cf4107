from app.queue import q
