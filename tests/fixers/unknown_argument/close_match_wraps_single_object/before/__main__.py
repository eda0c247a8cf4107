from pulumi_aws import lb

listener = lb.Listener(
    "http",
    load_balancer_arn="arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
    port=80,
    default_action=lb.ListenerDefaultActionArgs(type="forward", target_group_arn="arn:tg"),
)
other = lb.Listener("https", load_balancer_arn="arn:lb", port=443, default_action=shared_actions)
