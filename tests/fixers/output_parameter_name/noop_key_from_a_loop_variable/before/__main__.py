import pulumi_aws as aws

api = aws.apigateway.RestApi("inventory")
items_resource = aws.apigateway.Resource("items", rest_api=api.id, parent_id=api.root_resource_id, path_part="items")
item_resource = aws.apigateway.Resource("item", rest_api=api.id, parent_id=items_resource.id, path_part="{id}")


def create_method(resource_id, http_method):
    print(f"creating {http_method} on {resource_id}")
    return aws.apigateway.Method(
        f"inventory-method-{http_method.lower()}-{resource_id}",
        rest_api=api.id,
        resource_id=resource_id,
        http_method=http_method,
        authorization="NONE",
    )


for resource in [items_resource, item_resource]:
    create_method(resource.id, "GET")
