import pulumi_aws as aws
from config import AWS_REGION, tags

from modules.functions import create_function

provider = aws.Provider("main", region=AWS_REGION)
create_function(tags)
