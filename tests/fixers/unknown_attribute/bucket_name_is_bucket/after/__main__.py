import pulumi

from storage import logs, logs_name

pulumi.export("logs", logs_name)
pulumi.export("logs_arn", logs.arn)
