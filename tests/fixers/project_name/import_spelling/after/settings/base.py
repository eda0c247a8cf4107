REGION_NAME = "us-east-1"
