import pulumi_aws as aws

public = aws.apigateway.RestApi("public")
internal = aws.apigateway.RestApi("internal")
items = aws.apigateway.Resource("items", parent_id=public.root_resource_id, path_part="items")
