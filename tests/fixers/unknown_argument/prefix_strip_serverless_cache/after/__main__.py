import pulumi_aws as aws

import queues  # noqa: F401  (second cache lives there)

sessions = aws.elasticache.ServerlessCache(
    "sessions",
    name="sessions",  # shown in the console
    engine="valkey",
    major_engine_version="8",
)
