from lib.components.storage import make_bucket

make_bucket("data")
