"""Upload bucket, private."""
import pulumi
import pulumi_aws as aws


class Storage(pulumi.ComponentResource):
    def __init__(self, name, provider):
        super().__init__("app:storage:Storage", name)
        self.bucket = aws.s3.Bucket(
            f"{name}-uploads",
            acl="private",  # objects stay private
            # Prevent public access to the bucket
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            tags={"Purpose": "uploads"},
            opts=pulumi.ResourceOptions(parent=self, provider=provider, protect=False),
        )
        self.register_outputs({"bucket": self.bucket.id})


storage = Storage("app", aws.Provider("east", region="us-east-1"))
pulumi.export("bucket", storage.bucket.id)
