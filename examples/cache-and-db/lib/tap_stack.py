"""Session cache and reporting database for the TAP service."""

import json

import pulumi
import pulumi_aws as aws

# The region is read from a file the pipeline used to provide.
with open("lib/AWS_REGION", "r") as region_file:
    aws_region = region_file.read().strip()

DB_ENGINE_VERSION = "15.3"  # keep in step with the reporting team


class TapStackArgs:
    def __init__(self, environment_suffix: str):
        self.environment_suffix = environment_suffix


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        suffix = args.environment_suffix
        child = pulumi.ResourceOptions(parent=self)

        cache = aws.elasticache.ServerlessCache(
            f"sessions-{suffix}",
            serverless_cache_name=f"sessions-{suffix}",  # renamed to `name` in pulumi-aws 6
            engine="redis",
            opts=child,
        )

        secret = aws.secretsmanager.Secret(f"db-credentials-{suffix}", opts=child)
        aws.secretsmanager.SecretVersion(
            f"db-credentials-version-{suffix}",
            secret_id=secret.id,
            secret_string=json.dumps({"username": "admin", "password": "change-me-please-1"}),
            opts=child,
        )

        cluster = aws.rds.Cluster(
            f"reporting-{suffix}",
            cluster_identifier=f"Reporting-{suffix}",
            engine="aurora-postgresql",
            engine_version=DB_ENGINE_VERSION,
            master_username="admin",
            master_password="change-me-please-1",
            skip_final_snapshot=True,
            opts=child,
        )

        self.cache_endpoint = cache.endpoint
        self.db_endpoint = cluster.endpoint
        self.region = aws_region
        self.register_outputs({"cache_endpoint": self.cache_endpoint, "db_endpoint": self.db_endpoint})
