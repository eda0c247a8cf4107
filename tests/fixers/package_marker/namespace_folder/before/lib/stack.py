import pulumi


class ShopStack(pulumi.ComponentResource):
    def __init__(self, name):
        super().__init__("shop:index:ShopStack", name)
