import pulumi

from .storage import make_bucket

pulumi.export("bucket", make_bucket("assets").id)
