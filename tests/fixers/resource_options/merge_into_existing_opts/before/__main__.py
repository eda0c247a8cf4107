import pulumi as p
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
logs = aws.s3.Bucket("logs", opts=p.ResourceOptions(protect=True))
data = aws.s3.Bucket(
    "data",
    provider=west,
    opts=p.ResourceOptions(depends_on=[logs]),
    depends_on=[west],
)
