import pulumi

from .storage import make_bucket

bucket = make_bucket("assets")
pulumi.export("bucket", bucket.id)
