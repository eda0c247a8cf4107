import pulumi_aws as aws


def build_project(name: str, role_arn: str):
    return aws.iam.Role(name, assume_role_policy="{}", permissions_boundary=role_arn)


build_project("ci")
