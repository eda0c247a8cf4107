import pulumi
from functions.lambda.handler import HANDLER

pulumi.export("handler", HANDLER)
