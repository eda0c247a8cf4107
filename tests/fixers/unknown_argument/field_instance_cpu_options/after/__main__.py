import pulumi_aws as aws

web = aws.ec2.Instance(
    "web",
    ami="ami-0123456789abcdef0",
    instance_type="c5.2xlarge",
    cpu_options={"core_count": 4},
    cpu_threads_per_core=1,
)
db = aws.rds.Instance("orders", engine="postgres", instance_class="db.t4g.micro", allocated_storage=20)  # lacks cpu_core_count too
