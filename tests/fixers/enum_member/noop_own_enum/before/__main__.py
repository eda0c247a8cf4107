import enum

import pulumi_aws as aws


class Runtime(enum.Enum):
    PYTHON3_12 = "python3.12"


aws.s3.Bucket("code")
RUNTIME = Runtime.PYTHON3_11
