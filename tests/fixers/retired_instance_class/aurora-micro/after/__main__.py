import pulumi_aws as aws

cluster = aws.rds.Cluster("orders", engine="aurora-postgresql", engine_version="15.10", master_username="dbadmin")
aws.rds.ClusterInstance("writer", cluster_identifier=cluster.id, engine="aurora-postgresql", instance_class="db.t3.medium")
