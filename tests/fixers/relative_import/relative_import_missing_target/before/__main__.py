import pulumi

from components.queue import make_queue

pulumi.export("queue", make_queue("orders").url)
