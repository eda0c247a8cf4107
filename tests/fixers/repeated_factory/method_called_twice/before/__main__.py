"""An Aurora cluster whose writer and reader share the enhanced-monitoring role."""
import json

import pulumi
from pulumi_aws import iam, rds


class Database(pulumi.ComponentResource):
    def __init__(self, name):
        super().__init__("app:db:Database", name)
        self.cluster = rds.Cluster(f"{name}-cluster", engine="aurora-postgresql", opts=pulumi.ResourceOptions(parent=self))
        for role in ("writer", "reader"):
            rds.ClusterInstance(
                f"{name}-{role}",
                cluster_identifier=self.cluster.id,
                instance_class="db.r6g.large",
                engine="aurora-postgresql",
                monitoring_interval=60,
                monitoring_role_arn=self._create_monitoring_role().arn,
                opts=pulumi.ResourceOptions(parent=self),
            )

    # one role for enhanced monitoring
    def _create_monitoring_role(self) -> iam.Role:
        role = iam.Role(
            "rds-monitoring-role",
            assume_role_policy=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "monitoring.rds.amazonaws.com"}}]}
            ),
            opts=pulumi.ResourceOptions(parent=self),
        )
        iam.RolePolicyAttachment(
            "rds-monitoring-policy",
            role=role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            opts=pulumi.ResourceOptions(parent=self),
        )
        return role


Database("orders")
