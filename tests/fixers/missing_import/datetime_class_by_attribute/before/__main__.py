import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs", tags={"created": datetime.now().strftime("%Y-%m-%d")})
