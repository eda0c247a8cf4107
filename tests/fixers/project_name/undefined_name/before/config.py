aws_region = "us-east-1"
api_name = "items-api"
tags = {"Project": "items"}
