"""A bucket for the site."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

# the site's bucket
bucket = aws.s3.Bucket("site")
pulumi.export("bucket", bucket.id)
