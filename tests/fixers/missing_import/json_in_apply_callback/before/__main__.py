import pulumi

from components import dashboard

pulumi.export("dashboard", dashboard.create("app").dashboard_name)
