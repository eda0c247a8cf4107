import json

import pulumi
import pulumi_aws as aws

table = aws.dynamodb.Table("orders", hash_key="id", attributes=[{"name": "id", "type": "S"}])
queue = aws.sqs.Queue("dead-letters")
role = aws.iam.Role("writer", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}))

aws.iam.RolePolicy(
    "writer",
    role=role.id,
    # the queue's arn is read inside the callback, not passed to Output.all
    policy=pulumi.Output.all(table.arn).apply(
        lambda args: json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": args[0]},
                    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": queue.arn},
                ],
            }
        )
    ),
)
