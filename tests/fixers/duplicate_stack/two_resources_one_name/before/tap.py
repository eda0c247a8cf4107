from lib.storage import create_storage

create_storage()
