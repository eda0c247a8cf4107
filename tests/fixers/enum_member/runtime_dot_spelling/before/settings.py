import pulumi_aws as aws

# one runtime for every function
RUNTIME = aws.lambda_.Runtime.PYTHON3_11
