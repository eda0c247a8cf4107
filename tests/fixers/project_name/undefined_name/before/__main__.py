from modules.api import create_api

api, endpoint = create_api()
