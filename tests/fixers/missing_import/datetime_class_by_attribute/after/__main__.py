import pulumi
import pulumi_aws as aws
from datetime import datetime

bucket = aws.s3.Bucket("logs", tags={"created": datetime.now().strftime("%Y-%m-%d")})
