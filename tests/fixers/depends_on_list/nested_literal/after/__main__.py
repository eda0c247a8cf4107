import pulumi
import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
data = aws.s3.Bucket("data")
role = aws.iam.Role("role", assume_role_policy="{}")

# the app waits for both buckets and the role
app = aws.s3.Bucket(
    "app",
    opts=pulumi.ResourceOptions(
        depends_on=[role, logs, data],
    ),
)
