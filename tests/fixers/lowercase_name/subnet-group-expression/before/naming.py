PREFIX = "Shop"
