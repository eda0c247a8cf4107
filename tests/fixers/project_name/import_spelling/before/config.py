"""Settings, as the first version of the answer wrote them."""
import pulumi

config = pulumi.Config()

aws_region = "us-east-1"
lambda_memory_size = config.get_int("lambda_memory_size") or 128
lambda_timeout = 30
tags = {"Project": "items"}
