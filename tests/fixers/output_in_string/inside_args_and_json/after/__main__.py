import json

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
web = aws.ec2.SecurityGroup(
    "web",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80, description=pulumi.Output.concat("for ", bucket.id))],
    tags={"Policy": json.dumps({"Resource": pulumi.Output.concat(bucket.arn, "/*")})},
)
