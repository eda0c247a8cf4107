import pulumi

pulumi.export("bucket", bucket_name)
