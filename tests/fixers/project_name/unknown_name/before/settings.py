region = "us-east-1"
region_name = "us-east-1"
