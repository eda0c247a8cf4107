import pulumi_aws as aws

cluster = aws.rds.Cluster("orders", engine="docdb", engine_version="15.10", master_username="dbadmin")
aws.rds.ClusterInstance("writer", cluster_identifier=cluster.id, engine="docdb", instance_class="db.t3.micro")
