from lib.stack import ShopStack

ShopStack("shop")
